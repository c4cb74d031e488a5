import { lazy, Suspense, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, List, Result, Space, Tag, Typography } from 'antd';
import { Loading } from '../components/Loading';
import { api, apiFetch, unwrap } from '../api/client';
import { errorMessage, isNotFound } from '../api/errors';
import type { DocumentDetail } from '../api/queries';
import { useSession } from '../auth/session';
import { CONFIDENTIALITY_LABEL, documentReference, formatDate, formatDateTime, formatNumber, STATUS_LABEL } from '../lib/format';
import { UrgencyTag } from '../components/UrgencyTag';
import { SignaturesPanel } from '../components/SignaturesPanel';
import { DocumentTimeline } from '../components/DocumentTimeline';
import { AssignmentsPanel } from '../components/AssignmentsPanel';
import { PresentButton } from '../components/PresentButton';
import { RegisterButton } from '../components/RegisterButton';

const PdfPreview = lazy(() => import('../components/PdfPreview'));
type DocFile = DocumentDetail['files'][number];

const contentUrl = (documentId: string, fileId: string) => `/api/v1/documents/${documentId}/files/${fileId}/content`;
const isPdf = (f: DocFile) => f.contentType === 'application/pdf';

async function download(documentId: string, f: DocFile) {
  const res = await apiFetch(contentUrl(documentId, f.id));
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = f.name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1).replace('.', ',')} MB`
    : `${formatNumber(Math.max(1, Math.round(bytes / 1024)))} KB`;
}

export default function DocumentView() {
  const { id = '' } = useParams();
  const { hasRole } = useSession();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const doc = useQuery({
    queryKey: ['document', id],
    queryFn: () => unwrap(api.GET('/api/v1/documents/{id}', { params: { path: { id } } })),
  });
  const [previewId, setPreviewId] = useState<string | null>(null);

  if (doc.isPending) return <Loading label="Đang tải văn bản" />;
  if (doc.isError) {
    if (isNotFound(doc.error))
      return (
        <Result status="404" title="Không tìm thấy văn bản" subTitle="Văn bản không tồn tại, hoặc bạn không có quyền xem văn bản này." />
      );
    return <Alert type="error" showIcon message={errorMessage(doc.error)} />;
  }
  const d = doc.data;
  const files = d.files.filter((f) => f.latest !== false);
  const main = files.find((f) => f.kind === 'main' && isPdf(f)) ?? files.find(isPdf);
  const shown = files.find((f) => f.id === previewId) ?? main;

  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        {d.subject}
      </Typography.Title>
      <Space wrap style={{ marginBottom: 16 }}>
        <Tag color="blue">{STATUS_LABEL[d.status] ?? d.status}</Tag>
        <UrgencyTag urgency={d.urgency} />
        {d.confidentiality !== 'normal' && <Tag color="purple">{CONFIDENTIALITY_LABEL[d.confidentiality]}</Tag>}
        {d.overdueSince && <Tag color="red">Quá hạn</Tag>}
        {d.direction === 'incoming' && d.status === 'received' && hasRole('clerk') && (
          <RegisterButton documentId={d.id} dueDate={d.dueDate} />
        )}
        {d.direction === 'incoming' && d.status === 'registered' && hasRole('clerk') && <PresentButton documentId={d.id} />}
        {d.direction === 'incoming' && d.status === 'registered' && hasRole('leader') && (
          <Button type="primary" onClick={() => navigate(`/van-ban/${d.id}/but-phe`)}>
            Bút phê
          </Button>
        )}
      </Space>
      {d.direction === 'outgoing' && (
        <Typography.Paragraph>
          <Link to={`/du-thao/${d.id}`}>Quy trình duyệt, ký, phát hành và nơi nhận</Link>
        </Typography.Paragraph>
      )}
      <Card title="Thông tin văn bản" size="small" style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
          <Descriptions.Item label="Số đến">
            {d.incomingNumber !== null ? <strong>{d.incomingNumber}</strong> : 'Chưa vào sổ'}
          </Descriptions.Item>
          <Descriptions.Item label="Ngày vào sổ">{formatDateTime(d.registeredAt)}</Descriptions.Item>
          <Descriptions.Item label="Số, ký hiệu">{documentReference(d)}</Descriptions.Item>
          <Descriptions.Item label="Loại văn bản">{d.type}</Descriptions.Item>
          <Descriptions.Item label="Cơ quan ban hành">{d.issuerName}</Descriptions.Item>
          <Descriptions.Item label="Ngày ban hành">{formatDate(d.promulgationDate)}</Descriptions.Item>
          <Descriptions.Item label="Người ký">
            {[d.signerAuthority, d.signerPosition, d.signerName].filter(Boolean).join(' ')}
          </Descriptions.Item>
          <Descriptions.Item label="Độ mật">{CONFIDENTIALITY_LABEL[d.confidentiality]}</Descriptions.Item>
          <Descriptions.Item label="Hạn xử lý">{formatDate(d.dueDate)}</Descriptions.Item>
          <Descriptions.Item label="Ngày tiếp nhận">{formatDateTime(d.createdAt)}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title="Tệp văn bản" size="small" style={{ marginBottom: 16 }}>
        <List
          size="small"
          dataSource={files}
          locale={{ emptyText: 'Không có tệp.' }}
          renderItem={(f) => (
            <List.Item
              actions={[
                isPdf(f) && f.id !== shown?.id ? (
                  <Button key="xem" size="small" onClick={() => setPreviewId(f.id)} aria-label={`Xem trước ${f.name}`}>
                    Xem trước
                  </Button>
                ) : null,
                <Button
                  key="tai"
                  size="small"
                  onClick={() => download(d.id, f).catch((err) => message.error(errorMessage(err)))}
                  aria-label={`Tải về ${f.name}`}
                >
                  Tải về
                </Button>,
              ].filter(Boolean)}
            >
              <span>
                {f.name}{' '}
                <Typography.Text type="secondary">
                  ({sizeText(f.size)}
                  {f.kind === 'main' ? ', văn bản chính' : f.kind === 'note' ? ', tệp xử lý' : ''})
                </Typography.Text>
              </span>
            </List.Item>
          )}
        />
      </Card>
      {shown && (
        <>
          <Card title={`Xem trước: ${shown.name}`} size="small" style={{ marginBottom: 16 }}>
            <Suspense fallback={<Loading label="Đang tải trình xem PDF" />}>
              <PdfPreview url={contentUrl(d.id, shown.id)} title={shown.name} />
            </Suspense>
          </Card>
          <Card title="Chữ ký số" size="small" style={{ marginBottom: 16 }}>
            <SignaturesPanel documentId={d.id} fileId={shown.id} />
          </Card>
        </>
      )}
      {d.direction === 'incoming' && (
        <Card title="Phân công xử lý" size="small" style={{ marginBottom: 16 }}>
          <AssignmentsPanel documentId={d.id} />
        </Card>
      )}
      <Card title="Quá trình xử lý" size="small">
        <DocumentTimeline documentId={d.id} />
      </Card>
    </>
  );
}
