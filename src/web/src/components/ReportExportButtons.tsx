import { useState } from 'react';
import { App, Button, Space } from 'antd';
import { apiFetch } from '../api/client';
import { errorMessage } from '../api/errors';

/** Downloads a report export with the session's bearer token (a plain link would carry none). */
async function download(url: string, fallbackName: string) {
  const res = await apiFetch(url);
  const disposition = res.headers.get('content-disposition') ?? '';
  const name = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1] ?? /filename="?([^";]+)"?/i.exec(disposition)?.[1];
  const href = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = href;
  a.download = name ? decodeURIComponent(name) : fallbackName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

export function ExportButtons({ path, query, name }: { path: string; query: Record<string, string>; name: string }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState<string>();
  const run = (format: 'xlsx' | 'pdf') => {
    setBusy(format);
    const qs = new URLSearchParams({ ...query, format });
    download(`${path}?${qs}`, `${name}.${format}`)
      .catch((err) => message.error(errorMessage(err)))
      .finally(() => setBusy(undefined));
  };
  return (
    <Space wrap>
      <Button onClick={() => run('xlsx')} loading={busy === 'xlsx'}>
        Xuất Excel
      </Button>
      <Button onClick={() => run('pdf')} loading={busy === 'pdf'}>
        Xuất PDF
      </Button>
    </Space>
  );
}
