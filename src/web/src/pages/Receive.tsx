import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Alert, App, Button, Col, DatePicker, Form, Input, Row, Select, Typography, Upload, type UploadFile } from 'antd';
import type { Dayjs } from 'dayjs';
import { useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../api/client';
import { errorMessage } from '../api/errors';
import type { DocumentDetail } from '../api/queries';
import { DOCUMENT_TYPE_NAMES } from '../lib/document-types';
import { IssuerInput } from '../components/IssuerInput';
import { CONFIDENTIALITY_LABEL, URGENCY_LABEL } from '../lib/format';

type Fields = {
  type: string;
  subject: string;
  number?: string;
  notation?: string;
  issuerName?: string;
  issuerCode?: string | null;
  promulgationDate?: Dayjs;
  urgency: string;
  confidentiality: string;
  dueDate?: Dayjs;
};

const optional = (s: string | undefined) => (s && s.trim() ? s.trim() : undefined);

/** Tiếp nhận văn bản đến: the files (dragged in or chosen) and the metadata, sent as one multipart request. */
export default function Receive() {
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<Fields>();

  async function submit(v: Fields) {
    if (files.length === 0) {
      setError('Vui lòng chọn ít nhất một tệp văn bản (tệp đầu tiên là văn bản chính).');
      return;
    }
    setBusy(true);
    setError(null);
    const metadata = {
      direction: 'incoming',
      type: v.type,
      subject: v.subject.trim(),
      urgency: v.urgency,
      confidentiality: v.confidentiality,
      number: optional(v.number),
      notation: optional(v.notation),
      issuerName: optional(v.issuerName),
      issuerCode: v.issuerCode ?? undefined,
      promulgationDate: v.promulgationDate?.format('YYYY-MM-DD'),
      dueDate: v.dueDate?.format('YYYY-MM-DD'),
    };
    const body = new FormData();
    body.append('metadata', JSON.stringify(metadata));
    for (const f of files) if (f.originFileObj) body.append('files', f.originFileObj, f.name);
    try {
      const res = await apiFetch('/api/v1/documents', { method: 'POST', body });
      const doc = (await res.json()) as DocumentDetail;
      await queryClient.invalidateQueries({ queryKey: ['documents'] });
      message.success('Đã tiếp nhận văn bản đến.');
      navigate(`/van-ban/${doc.id}`);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        Tiếp nhận văn bản đến
      </Typography.Title>
      {error && <Alert type="error" showIcon role="alert" message={error} style={{ marginBottom: 16 }} />}
      <Form<Fields>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ urgency: 'normal', confidentiality: 'normal', type: 'Công văn' }}
        scrollToFirstError
      >
        <Form.Item label="Tệp văn bản" required>
          <Upload.Dragger
            multiple
            fileList={files}
            beforeUpload={() => false}
            onChange={({ fileList }) => setFiles(fileList)}
            accept=".pdf,.doc,.docx,.xls,.xlsx,.odt,.png,.jpg,.jpeg,.tif,.tiff,.zip"
          >
            <p>Kéo thả tệp vào đây, hoặc bấm để chọn tệp</p>
            <p style={{ color: '#595959' }}>Tệp đầu tiên là văn bản chính; các tệp sau là phụ lục, tài liệu kèm theo.</p>
          </Upload.Dragger>
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item label="Loại văn bản" name="type" rules={[{ required: true, message: 'Vui lòng chọn loại văn bản.' }]}>
              <Select showSearch options={DOCUMENT_TYPE_NAMES.map((t) => ({ value: t, label: t }))} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item label="Số" name="number">
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item label="Ký hiệu" name="notation">
              <Input maxLength={100} placeholder="VD: UBND-KTTH" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label="Trích yếu" name="subject" rules={[{ required: true, whitespace: true, message: 'Vui lòng nhập trích yếu.' }]}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item label="Cơ quan ban hành" name="issuerName">
              <IssuerInput onCode={(code) => form.setFieldValue('issuerCode', code)} />
            </Form.Item>
            <Form.Item name="issuerCode" hidden>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label="Ngày ban hành" name="promulgationDate">
              <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item label="Độ khẩn" name="urgency">
              <Select options={Object.entries(URGENCY_LABEL).map(([value, label]) => ({ value, label }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label="Độ mật" name="confidentiality">
              <Select options={Object.entries(CONFIDENTIALITY_LABEL).map(([value, label]) => ({ value, label }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label="Hạn xử lý" name="dueDate">
              <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Button type="primary" htmlType="submit" loading={busy}>
          Tiếp nhận
        </Button>
      </Form>
    </>
  );
}
