"""Domain errors: a stable code for programs and a Chinese message for people.

Services raise these; one handler in main.py maps them to HTTP. Services never raise
HTTPException.
"""

from __future__ import annotations


class DomainError(Exception):
    status_code = 400
    code = "bad_request"
    message = "请求有误"
    keep_changes = False  # True: the unit of work commits even though the request fails
    headers: dict[str, str] | None = None  # extra response headers (Retry-After ...)

    def __init__(self, message: str | None = None, *, code: str | None = None) -> None:
        self.message = message or self.message
        self.code = code or self.code
        super().__init__(self.message)


class BadInput(DomainError):
    status_code = 422
    code = "invalid_input"
    message = "输入不符合要求"


class NotFound(DomainError):
    status_code = 404
    code = "not_found"
    message = "未找到该记录"


class Conflict(DomainError):
    status_code = 409
    code = "conflict"
    message = "与现有记录冲突"


class Unauthorized(DomainError):
    status_code = 401
    code = "unauthorized"
    message = "请先登录"


class Forbidden(DomainError):
    status_code = 403
    code = "forbidden"
    message = "没有执行该操作的权限"


class TooLarge(DomainError):
    status_code = 413
    code = "too_large"
    message = "内容超过大小限制"


class UnsupportedMedia(DomainError):
    status_code = 415
    code = "unsupported_media_type"
    message = "只支持 .txt 和 .docx 文件"


class TooManyRequests(DomainError):
    status_code = 429
    code = "too_many_attempts"
    message = "登录失败次数过多，请稍后再试"


class RateLimited(DomainError):
    status_code = 429
    code = "rate_limited"
    message = "请求过于频繁，请稍后再试"

    def __init__(self, retry_after: int) -> None:
        super().__init__(f"请求过于频繁，请 {retry_after} 秒后再试")
        self.headers = {"Retry-After": str(retry_after)}


class Unavailable(DomainError):
    status_code = 503
    code = "unavailable"
    message = "服务暂不可用"


class Busy(Unavailable):
    """The process's analysis queue is full (service.services.analysis_queue): retry soon."""

    code = "busy"
    message = "服务器繁忙，检查请求过多，请稍后重试"

    def __init__(self) -> None:
        super().__init__()
        self.headers = {"Retry-After": "1"}


class LoginFailed(Unauthorized):
    """A failed login whose bookkeeping (failure counter, lock) must still be committed."""

    code = "bad_credentials"
    message = "用户名或密码错误"
    keep_changes = True


class WrongPassword(Forbidden):
    """The current password given to change it is wrong (the failure is still counted)."""

    code = "wrong_password"
    message = "当前密码不正确"
    keep_changes = True
