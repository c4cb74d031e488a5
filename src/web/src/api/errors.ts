// The API answers in English with stable codes (src/lib/errors.ts); officials read Vietnamese
// sentences that say what to do next. One table, keyed by code.
const MESSAGES: Record<string, string> = {
  VALIDATION_FAILED: 'Thông tin chưa hợp lệ. Vui lòng kiểm tra lại các trường đã nhập.',
  MALFORMED_JSON: 'Yêu cầu không hợp lệ. Vui lòng tải lại trang và thử lại.',
  MALFORMED_MULTIPART: 'Tệp gửi lên bị lỗi. Vui lòng chọn lại tệp và gửi lại.',
  UNAUTHENTICATED: 'Phiên làm việc đã hết hạn. Vui lòng đăng nhập lại.',
  INVALID_CREDENTIALS: 'Tên đăng nhập hoặc mật khẩu không đúng.',
  FORBIDDEN: 'Bạn không có quyền thực hiện thao tác này.',
  NOT_ASSIGNMENT_HOLDER: 'Chỉ người đang xử lý việc được giao mới thêm được tệp làm việc.',
  PEER_NOT_AUTHORISED: 'Đơn vị gửi không được phép gửi văn bản này.',
  DEADLINE_IN_PAST: 'Hạn xử lý đã qua. Vui lòng chọn hôm nay hoặc một ngày sau hôm nay.',
  DEADLINE_AFTER_DOCUMENT: 'Hạn của đơn vị chủ trì muộn hơn hạn xử lý của văn bản. Vui lòng chọn ngày sớm hơn.',
  NOT_FOUND: 'Không tìm thấy dữ liệu, hoặc bạn không có quyền xem.',
  ROUTE_NOT_FOUND: 'Không tìm thấy chức năng này.',
  CONFLICT: 'Dữ liệu đã tồn tại (trùng). Vui lòng kiểm tra lại.',
  INVALID_STATE: 'Thao tác không phù hợp với trạng thái hiện tại của văn bản. Vui lòng tải lại trang.',
  SECRET_DOCUMENT_NOT_EXCHANGEABLE: 'Văn bản mật không được gửi qua trục liên thông tới đơn vị ngoài hệ thống.',
  PAYLOAD_TOO_LARGE: 'Tệp quá lớn. Vui lòng chọn tệp nhỏ hơn.',
  UNSUPPORTED_MEDIA_TYPE: 'Loại tệp không được chấp nhận (chỉ nhận PDF, văn bản Office, ảnh…).',
  UNSUPPORTED_CONTENT_TYPE: 'Định dạng dữ liệu gửi lên không được chấp nhận.',
  RANGE_NOT_SATISFIABLE: 'Không đọc được phần tệp yêu cầu.',
  UNPROCESSABLE: 'Không xử lý được dữ liệu này (ví dụ: tệp PDF bị mã hóa).',
  CERTIFICATE_NOT_TRUSTED: 'Chứng thư số không được tin cậy hoặc không phải của bạn.',
  SIGNATURE_NOT_TRUSTED: 'Chữ ký số của người ký không hợp lệ; văn bản chưa thể ban hành.',
  TOO_MANY_REQUESTS: 'Bạn đã thử quá nhiều lần. Vui lòng đợi vài phút rồi thử lại.',
  TOO_MANY_SIGNING_SESSIONS: 'Bạn đang có quá nhiều phiên ký chưa hoàn tất. Hãy hoàn tất hoặc đợi phiên cũ hết hạn.',
  SERVICE_UNAVAILABLE: 'Hệ thống tạm thời gián đoạn. Vui lòng thử lại sau ít phút.',
  HEADERS_TOO_LARGE: 'Yêu cầu quá lớn. Vui lòng đăng nhập lại.',
  URI_TOO_LONG: 'Địa chỉ quá dài. Vui lòng rút gọn điều kiện tìm kiếm.',
  REQUEST_TIMEOUT: 'Gửi dữ liệu quá lâu. Vui lòng kiểm tra kết nối mạng và thử lại.',
  INTERNAL: 'Đã có lỗi ở máy chủ. Vui lòng thử lại; nếu vẫn lỗi, báo quản trị hệ thống kèm mã yêu cầu.',
};

const NETWORK = 'Không kết nối được tới máy chủ. Vui lòng kiểm tra mạng và thử lại.';

/** An API refusal, carrying the stable code and the Vietnamese sentence shown to the user. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    readonly requestId?: string,
  ) {
    super(messageFor(code));
    this.name = 'ApiError';
  }
}

export function messageFor(code: string): string {
  return MESSAGES[code] ?? MESSAGES.INTERNAL;
}

/** The sentence to show for anything thrown by an API call. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.requestId && err.status >= 500 ? `${err.message} (mã yêu cầu ${err.requestId})` : err.message;
  if (err instanceof TypeError) return NETWORK;
  return MESSAGES.INTERNAL;
}

export const isNotFound = (err: unknown): boolean => err instanceof ApiError && err.status === 404;
