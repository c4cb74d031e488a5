import { useQuery } from '@tanstack/react-query';
import { Alert, List, Tag, Typography } from 'antd';
import { api, unwrap } from '../api/client';
import { errorMessage } from '../api/errors';
import { formatDateTime } from '../lib/format';

const PROBLEM_HINT = 'Chữ ký không hợp lệ';

/** Each signature of a PDF from the stored verification report: who, when, valid or why not, whole document or not. */
export function SignaturesPanel({ documentId, fileId }: { documentId: string; fileId: string }) {
  const report = useQuery({
    queryKey: ['signatures', documentId, fileId],
    queryFn: () => unwrap(api.GET('/api/v1/documents/{id}/files/{fileId}/signatures', { params: { path: { id: documentId, fileId } } })),
  });
  if (report.isPending) return <Typography.Text>Đang kiểm tra chữ ký số…</Typography.Text>;
  if (report.isError) return <Alert type="warning" showIcon message={errorMessage(report.error)} />;
  const { signatures, error } = report.data;
  if (error) return <Alert type="warning" showIcon message={`Không kiểm tra được chữ ký số của tệp này (${error}).`} />;
  if (signatures.length === 0) return <Typography.Text>Tệp không có chữ ký số.</Typography.Text>;
  return (
    <List
      size="small"
      dataSource={signatures}
      renderItem={(s) => {
        const valid = s.integrityValid && s.signatureValid && s.certificateHashValid && s.chainTrusted;
        return (
          <List.Item>
            <div>
              <Typography.Text strong>{s.signer ?? 'Không rõ người ký'}</Typography.Text>
              {s.signedAt && <Typography.Text> · ký lúc {formatDateTime(s.signedAt)}</Typography.Text>}
              <div style={{ marginTop: 4 }}>
                {valid ? <Tag color="green">Hợp lệ</Tag> : <Tag color="red">{PROBLEM_HINT}</Tag>}
                {s.coversWholeDocument ? (
                  <Tag>Phủ toàn bộ văn bản</Tag>
                ) : (
                  <Tag color="orange">
                    {s.laterChangesAreSignaturesOnly ? 'Sau khi ký chỉ thêm chữ ký khác' : 'Văn bản đã bị sửa sau khi ký'}
                  </Tag>
                )}
                {!s.chainTrusted && <Tag color="orange">Chứng thư số không thuộc danh sách tin cậy</Tag>}
                {!s.integrityValid && <Tag color="red">Nội dung đã bị thay đổi</Tag>}
              </div>
              {!valid && s.problems.length > 0 && (
                <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
                  Chi tiết kỹ thuật: {s.problems.join('; ')}
                </Typography.Paragraph>
              )}
            </div>
          </List.Item>
        );
      }}
    />
  );
}
