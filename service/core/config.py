"""Settings: one object, read from GOVBRIEF_* environment variables."""

from __future__ import annotations

import secrets
from functools import lru_cache
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from service.core.private_files import tighten, write_private_once

DEFAULT_VAR_DIR = Path("var")


class Settings(BaseSettings):
    """Everything configurable. Documented in README ("Settings")."""

    model_config = SettingsConfigDict(env_prefix="GOVBRIEF_", extra="ignore")

    env: Literal["development", "production"] = "development"
    var_dir: Path = DEFAULT_VAR_DIR
    database_url: str = ""
    secret_key: str = ""
    token_ttl_minutes: int = 8 * 60
    anonymous_check: bool = True
    max_text_chars: int = 100_000
    max_upload_bytes: int = 10 * 1024 * 1024
    max_request_bytes: int = 12 * 1024 * 1024
    max_docx_uncompressed_bytes: int = 50 * 1024 * 1024
    cors_origins: list[str] = Field(default_factory=list)
    api_docs: bool = True  # /docs and /redoc (assets served locally, no CDN)
    log_level: str = "INFO"
    access_log: bool = False  # one terminal line per request; on for debugging (issue 14)
    # argon2id cost of new password hashes; lower only on very slow hardware or in tests
    password_hash_time_cost: int = Field(3, ge=1, le=20)
    password_hash_memory_kib: int = Field(65536, ge=1024, le=4 * 1024 * 1024)
    login_max_failures: int = 5
    login_lock_minutes: int = 15
    login_max_failures_per_name: int = 30  # from all addresses together, per window; 0 = off
    rate_limit_anonymous_per_minute: int = 20  # checks per client address without a token
    rate_limit_user_per_minute: int = 120  # analysis requests per signed-in user; 0 = off
    # checks waiting or running per API process (one runs at a time); one more gets 503 busy
    analysis_queue_max: int = Field(default=64, ge=1)
    api_host: str = "127.0.0.1"
    api_port: int = 8000
    ui_host: str = "127.0.0.1"  # 0.0.0.0: other PCs in the office may open the UI
    ui_port: int = 8501
    worker_healthcheck_seconds: int = (
        60  # `serve --workers N`: a worker silent this long is restarted
    )
    model_poll_seconds: float = 5.0
    # freeze the loaded model out of the cyclic GC's walks (service.core.heap); off in tests
    gc_freeze: bool = True
    problem_needs_final_signoff: bool = True
    retrain_margin: float = 0.02  # a candidate may be this much worse (macro-F1) and still go live
    likelihood_min_outcomes: int = 200  # known adoption outcomes before a likelihood model
    likelihood_min_auc: float = 0.70  # an adoption model goes live only at this held-out AUC
    timezone: str = "Asia/Shanghai"  # the office calendar: which day and month a write falls in

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"GOVBRIEF_TIMEZONE 不是有效的时区名称：{value}") from exc
        return value

    @model_validator(mode="after")
    def _fill_defaults(self) -> Settings:
        if not self.database_url:
            self.database_url = f"sqlite:///{(self.var_dir / 'govbrief.db').as_posix()}"
        if not self.secret_key:
            if self.env == "production":
                raise ValueError("生产模式必须设置 GOVBRIEF_SECRET_KEY")
            self.secret_key = _local_secret(self.var_dir)
        elif self.env == "production" and len(self.secret_key) < 32:
            raise ValueError("GOVBRIEF_SECRET_KEY 至少 32 个字符")
        return self


def _local_secret(var_dir: Path) -> str:
    """A secret generated on first local run and kept under var/, so tokens survive restarts."""
    path = var_dir / "secret_key"
    if path.exists():
        tighten(path)
        return path.read_text(encoding="utf-8").strip()
    return write_private_once(path, secrets.token_urlsafe(48)).strip()


@lru_cache
def get_settings() -> Settings:
    return Settings()
