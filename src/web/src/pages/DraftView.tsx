import { lazy, Suspense, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Form, Input, List, Modal, Result, Space, Steps, Tag, Typography } from 'antd';
import { api, unwrap } from '../api/client';
import { ApiError, errorMessage, isNotFound } from '../api/errors';
import type { Draft } from '../api/queries';
import { useSession } from '../auth/session';
import { Loading } from '../components/Loading';
import { UrgencyTag } from '../components/UrgencyTag';
import { DispatchPanel } from '../components/DispatchPanel';
import { CONFIDENTIALITY_LABEL, documentReference, formatDate, formatDateTime, STATUS_LABEL } from '../lib/format';

const PdfPreview = lazy(() => import('../components/PdfPreview'));

type Step = NonNullable<Draft['workflow']>['steps'][number];
type Decision = 'approve' | 'return' | 'reject';
const DECISION_LABEL: Record<string, string> = { approved: 'Đã duyệt', returned: 'Trả lại để chỉnh sửa', rejected: 'Từ chối' };
const DECISION_TITLE: Record<Decision, string> = { approve: 'Duyệt', return: 'Trả lại để chỉnh sửa', reject: 'Từ chối' };
const STEP_STATUS: Record<string, 'wait' | 'process' | 'finish' | 'error'> = {
  waiting: 'wait',
  active: 'process',
  approved: 'finish',
  returned: 'error',
  rejected: 'error',
  closed: 'wait',
};

/** A step's decision: Duyệt with an optional comment, Trả lại để chỉnh sửa and Từ chối with their reason. */
function DecisionButtons({ step, draftId }: { step: Step; draftId: string }) {
  const [decision, setDecision] = useState<Decision | null>(null);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const { message } = App.useApp();

  async function decide() {
    if (!decision) return;
    const t = text.trim();
    if (decision !== 'approve' && !t) {
      setError('Vui lòng nhập lý do.');
      return;
    }
    setBusy(true);
    setError(null);
    const path = { params: { path: { id: step.id } } };
    try {
      if (decision === 'approve') await unwrap(api.POST('/api/v1/approval-steps/{id}/approve', { ...path, body: t ? { comment: t } : {} }));
      else if (decision === 'return') await unwrap(api.POST('/api/v1/approval-steps/{id}/return', { ...path, body: { comment: t } }));
      else await unwrap(api.POST('/api/v1/approval-steps/{id}/reject', { ...path, body: { reason: t } }));
      message.success(
        decision === 'approve' ? 'Đã duyệt dự thảo.' : decision === 'return' ? 'Đã trả lại để chỉnh sửa.' : 'Đã từ chối dự thảo.',
      );
      setDecision(null);
      await queryClient.invalidateQueries({ queryKey: ['draft', draftId] });
      await queryClient.invalidateQueries({ queryKey: ['approvals'] });
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Space wrap>
        {(['approve', 'return', 'reject'] as const).map((d) => (
          <Button
            key={d}
            type={d === 'approve' ? 'primary' : 'default'}
            danger={d === 'reject'}
            onClick={() => {
              setText('');
              setError(null);
              setDecision(d);
            }}
          >
            {DECISION_TITLE[d]}
          </Button>
        ))}
      </Space>
      <Modal
        title={decision ? `${DECISION_TITLE[decision]}: ${step.name}` : ''}
        open={decision !== null}
        onCancel={() => setDecision(null)}
        onOk={decide}
        okText={decision ? DECISION_TITLE[decision] : ''}
        cancelText="Hủy"
        okButtonProps={{ loading: busy, danger: decision === 'reject' }}
        destroyOnHidden
      >
        {error && <Alert type="error" showIcon role="alert" message={error} style={{ marginBottom: 12 }} />}
        <Form layout="vertical">
          <Form.Item
            label={decision === 'approve' ? 'Ý kiến (không bắt buộc)' : 'Lý do'}
            htmlFor="quyet-dinh"
            required={decision !== 'approve'}
          >
            <Input.TextArea id="quyet-dinh" rows={3} value={text} onChange={(e) => setText(e.target.value)} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/**
 * A draft (dự thảo) and the outgoing path after it: the current version with its PDF, the approval
 * steps (who decided what), and the next step for the caller: Trình duyệt, Duyệt / Trả lại / Từ chối,
 * Ký số, Phát hành (with a summary to confirm), Gửi and the recipients' statuses.
 */
export default function DraftView() {
  const { id = '' } = useParams();
  const { me, hasRole } = useSession();
  const queryClient = useQueryClient();
  const { message, modal } = App.useApp();
  const [signing, setSigning] = useState(false);
  // A refused step stays on the page (a toast would vanish before it is read).
  const [error, setError] = useState<string | null>(null);
  const draft = useQuery({
    queryKey: ['draft', id],
    queryFn: () => unwrap(api.GET('/api/v1/drafts/{id}', { params: { path: { id } } })),
    // While the signature or the seal is being applied (a job), the page follows it.
    refetchInterval: (q) => (signing && q.state.data?.status === 'approved' ? 1500 : false),
  });
  const doc = useQuery({
    queryKey: ['document', id],
    enabled: draft.data !== undefined && ['signed', 'issued'].includes(draft.data.status),
    queryFn: () => unwrap(api.GET('/api/v1/documents/{id}', { params: { path: { id } } })),
  });

  if (draft.isPending) return <Loading label="Đang tải dự thảo" />;
  if (draft.isError) {
    if (isNotFound(draft.error))
      return <Result status="404" title="Không tìm thấy dự thảo" subTitle="Dự thảo không tồn tại, hoặc bạn không có quyền xem." />;
    return <Alert type="error" showIcon message={errorMessage(draft.error)} />;
  }
  const d = draft.data;
  const version = d.versions.find((v) => v.version === d.currentVersion) ?? d.versions[d.versions.length - 1];
  const steps = d.workflow?.steps ?? [];
  const myStep = steps.find((s) => s.status === 'active' && s.approvers.some((a) => a.userId === me?.id && a.decision === null));
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: ['draft', id] });
    await queryClient.invalidateQueries({ queryKey: ['document', id] });
    await queryClient.invalidateQueries({ queryKey: ['documents'] });
  };

  async function submit() {
    try {
      await unwrap(api.POST('/api/v1/drafts/{id}/submit', { params: { path: { id } }, body: {} }));
      setError(null);
      message.success('Đã trình duyệt dự thảo.');
      await refresh();
    } catch (err) {
      setError(
        err instanceof ApiError && err.code === 'UNPROCESSABLE'
          ? 'Cơ quan ban hành chưa có quy trình duyệt cho loại văn bản này, hoặc một bước chưa có người duyệt. Đề nghị quản trị thiết lập quy trình duyệt.'
          : errorMessage(err),
      );
    }
  }

  async function sign() {
    try {
      await unwrap(api.POST('/api/v1/documents/{id}/sign', { params: { path: { id } }, body: {} }));
      setError(null);
      setSigning(true);
      message.info('Đang ký số…');
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  function issue() {
    modal.confirm({
      title: 'Phát hành văn bản',
      content: (
        <div>
          <p>
            {d.type}: {d.subject}
          </p>
          <p>
            Văn bản sẽ được lấy số tiếp theo của sổ văn bản đi, ghi ngày ban hành hôm nay ({formatDate(new Date().toISOString())}) và đóng
            dấu số của cơ quan. Sau khi phát hành không thể sửa số, ký hiệu.
          </p>
        </div>
      ),
      okText: 'Phát hành',
      cancelText: 'Hủy',
      async onOk() {
        try {
          const r = await unwrap(api.POST('/api/v1/documents/{id}/issue', { params: { path: { id } }, body: {} }));
          setError(null);
          message.success(`Đã phát hành: số ${r.code}, ngày ${formatDate(r.promulgationDate)} (${r.registerName}).`);
          await refresh();
        } catch (err) {
          setError(errorMessage(err));
        }
      },
    });
  }

  const drafter = d.drafterId === me?.id;
  const awaitingSignature = d.status === 'approved' && d.signerUserId === me?.id;
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        {d.subject}
      </Typography.Title>
      <Space wrap style={{ marginBottom: 16 }}>
        <Tag color="blue">{STATUS_LABEL[d.status] ?? d.status}</Tag>
        <UrgencyTag urgency={d.urgency} />
        {d.confidentiality !== 'normal' && <Tag color="purple">{CONFIDENTIALITY_LABEL[d.confidentiality]}</Tag>}
        {drafter && (d.status === 'draft' || d.status === 'returned') && (
          <Button type="primary" onClick={submit}>
            Trình duyệt
          </Button>
        )}
        {awaitingSignature && (
          <Button type="primary" loading={signing} onClick={sign}>
            Ký số
          </Button>
        )}
        {d.status === 'signed' && hasRole('clerk') && (
          <Button type="primary" onClick={issue}>
            Phát hành
          </Button>
        )}
      </Space>
      {error && <Alert type="error" showIcon role="alert" message={error} style={{ marginBottom: 16 }} />}
      {signing && d.status === 'approved' && <Loading label="Đang ký số, vui lòng đợi" />}
      {myStep && (
        <Card title={`Chờ bạn duyệt: ${myStep.name}`} size="small" style={{ marginBottom: 16 }}>
          <DecisionButtons step={myStep} draftId={d.id} />
        </Card>
      )}
      <Card title="Thông tin văn bản" size="small" style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
          <Descriptions.Item label="Loại văn bản">{d.type}</Descriptions.Item>
          <Descriptions.Item label="Số, ký hiệu">
            {doc.data ? documentReference(doc.data) || 'Chưa cấp số' : 'Chưa cấp số'}
          </Descriptions.Item>
          <Descriptions.Item label="Ngày ban hành">{formatDate(doc.data?.promulgationDate)}</Descriptions.Item>
          <Descriptions.Item label="Độ mật">{CONFIDENTIALITY_LABEL[d.confidentiality]}</Descriptions.Item>
          <Descriptions.Item label="Phiên bản">{d.currentVersion}</Descriptions.Item>
          <Descriptions.Item label="Ngày tạo">{formatDateTime(d.createdAt)}</Descriptions.Item>
          {d.rejectedReason && <Descriptions.Item label="Lý do từ chối">{d.rejectedReason}</Descriptions.Item>}
        </Descriptions>
        {d.status === 'issued' && (
          <p style={{ marginTop: 8 }}>
            <Link to={`/van-ban/${d.id}`}>Xem văn bản đã phát hành (tệp đã ký, chữ ký số, quá trình)</Link>
          </p>
        )}
      </Card>
      {d.workflow && (
        <Card title="Quy trình duyệt" size="small" style={{ marginBottom: 16 }}>
          <Steps
            direction="vertical"
            size="small"
            items={steps.map((s) => ({
              title: `${s.name}${s.isSigningStep ? ' (ký ban hành)' : ''}`,
              status: STEP_STATUS[s.status],
              description: (
                <div>
                  {s.approvers.map((a) => (
                    <div key={a.userId}>
                      {a.fullName}: {a.decision ? DECISION_LABEL[a.decision] : s.status === 'active' ? 'Chờ duyệt' : 'Chưa đến lượt'}
                      {a.decidedAt && ` (${formatDateTime(a.decidedAt)})`}
                      {a.comment && ` · ${a.comment}`}
                    </div>
                  ))}
                  {s.dueDate && s.status === 'active' && <div>Hạn duyệt {formatDate(s.dueDate)}</div>}
                </div>
              ),
            }))}
          />
        </Card>
      )}
      {version && (
        <Card title={`Dự thảo phiên bản ${version.version}: ${version.mainFile.name}`} size="small" style={{ marginBottom: 16 }}>
          {version.note && <Typography.Paragraph>Ghi chú: {version.note}</Typography.Paragraph>}
          {version.attachments.length > 0 && (
            <List
              size="small"
              header="Phụ lục"
              dataSource={version.attachments}
              renderItem={(f) => <List.Item>{f.name}</List.Item>}
              style={{ marginBottom: 8 }}
            />
          )}
          <Suspense fallback={<Loading label="Đang tải trình xem PDF" />}>
            <PdfPreview url={`/api/v1/drafts/${d.id}/files/${version.mainFile.id}`} title={version.mainFile.name} />
          </Suspense>
        </Card>
      )}
      {d.status === 'issued' && (
        <Card title="Nơi nhận" size="small">
          <DispatchPanel documentId={d.id} canSend={hasRole('clerk')} />
        </Card>
      )}
    </>
  );
}
