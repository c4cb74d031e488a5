import { Link } from 'react-router';
import { Result } from 'antd';

export default function NotFound() {
  return (
    <Result
      status="404"
      title="Không tìm thấy trang"
      subTitle="Địa chỉ này không có trong hệ thống."
      extra={<Link to="/">Về trang chủ</Link>}
    />
  );
}
