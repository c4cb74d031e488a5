import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { Alert, App, Button, Col, Form, Input, Row, Select, Typography, Upload, type UploadFile } from 'antd';
import { useQueries, useQueryClient } from '@tanstack/react-query';
import { api, apiFetch, unwrap } from '../api/client';
import { useSession } from '../auth/session';
import { errorMessage } from '../api/errors';
import type { Draft } from '../api/queries';
import { DOCUMENT_TYPE_NAMES } from '../lib/document-types';
import { CONFIDENTIALITY_LABEL, URGENCY_LABEL } from '../lib/format';

type Fields = { organizationId: string; type: string; subject: string; urgency: string; confidentiality: string; note?: string };

/**
 * The organisations the caller may draft for: those of their drafting grants and every one above
 * them (the server's rule), the agencies first; the default is the nearest agency (not an internal
 * division) above where they work.
 */
function useIssuingOrganizations() {
  const { me } = useSession();
  const grantOrgs = [...new Set(me?.roles.filter((r) => r.role !== 'admin').map((r) => r.organizationId) ?? [])];
  const details = useQueries({
    queries: grantOrgs.map((id) => ({
      queryKey: ['organization', id],
      staleTime: 5 * 60_000,
      queryFn: () => unwrap(api.GET('/api/v1/organizations/{id}', { params: { path: { id } } })),
    })),
  });
  const seen = new Map<string, { id: string; name: string; level: string; depth: number }>();
  for (const d of details) for (const o of d.data ? [...d.data.ancestors, d.data] : []) seen.set(o.id, o);
  const options = [...seen.values()].sort((a, b) => a.depth - b.depth);
  const own = details.find((d) => d.data?.id === me?.organizationId)?.data ?? details[0]?.data;
  const chain = own ? [...own.ancestors, own].reverse() : [];
  const preferred = chain.find((o) => o.level !== 'division')?.id;
  return { options, preferred, loading: details.some((d) => d.isPending) };
}

/** Soạn dự thảo: the main PDF (then attachments) and the metadata of an outgoing document, as one multipart request. */
export default function NewDraft() {
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<Fields>();
  const issuers = useIssuingOrganizations();
  useEffect(() => {
    if (issuers.preferred && !form.getFieldValue('organizationId')) form.setFieldsValue({ organizationId: issuers.preferred });
  }, [form, issuers.preferred]);

  async function submit(v: Fields) {
    if (files.length === 0) {
      setError('Vui lòng chọn tệp dự thảo (PDF; tệp đầu tiên là văn bản chính).');
      return;
    }
    setBusy(true);
    setError(null);
    const body = new FormData();
    const note = v.note?.trim();
    body.append(
      'metadata',
      JSON.stringify({
        organizationId: v.organizationId,
        type: v.type,
        subject: v.subject.trim(),
        urgency: v.urgency,
        confidentiality: v.confidentiality,
        note: note || undefined,
      }),
    );
    files.forEach((f, i) => f.originFileObj && body.append(i === 0 ? 'file' : 'attachments', f.originFileObj, f.name));
    try {
      const draft = (await (await apiFetch('/api/v1/drafts', { method: 'POST', body })).json()) as Draft;
      await queryClient.invalidateQueries({ queryKey: ['documents'] });
      message.success('Đã tạo dự thảo.');
      navigate(`/du-thao/${draft.id}`);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        Soạn dự thảo văn bản đi
      </Typography.Title>
      {error && <Alert type="error" showIcon role="alert" message={error} style={{ marginBottom: 16 }} />}
      <Form<Fields>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ urgency: 'normal', confidentiality: 'normal', type: 'Công văn' }}
      >
        <Form.Item label="Tệp dự thảo" required>
          <Upload.Dragger
            multiple
            fileList={files}
            beforeUpload={() => false}
            onChange={({ fileList }) => setFiles(fileList)}
            accept=".pdf"
          >
            <p>Kéo thả tệp PDF vào đây, hoặc bấm để chọn tệp</p>
            <p style={{ color: '#595959' }}>Tệp đầu tiên là văn bản chính; các tệp sau là phụ lục.</p>
          </Upload.Dragger>
        </Form.Item>
        <Form.Item label="Cơ quan ban hành" name="organizationId" rules={[{ required: true, message: 'Vui lòng chọn cơ quan ban hành.' }]}>
          <Select loading={issuers.loading} options={issuers.options.map((o) => ({ value: o.id, label: o.name }))} />
        </Form.Item>
        <Form.Item label="Loại văn bản" name="type" rules={[{ required: true, message: 'Vui lòng chọn loại văn bản.' }]}>
          <Select showSearch options={DOCUMENT_TYPE_NAMES.map((t) => ({ value: t, label: t }))} />
        </Form.Item>
        <Form.Item label="Trích yếu" name="subject" rules={[{ required: true, whitespace: true, message: 'Vui lòng nhập trích yếu.' }]}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item label="Độ khẩn" name="urgency">
              <Select options={Object.entries(URGENCY_LABEL).map(([value, label]) => ({ value, label }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label="Độ mật" name="confidentiality">
              <Select options={Object.entries(CONFIDENTIALITY_LABEL).map(([value, label]) => ({ value, label }))} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label="Ghi chú cho người duyệt" name="note">
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          Tạo dự thảo
        </Button>
      </Form>
    </>
  );
}
