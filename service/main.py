"""The FastAPI app factory."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from models.analyze import warm_up
from service.api.docs import install_docs
from service.api.errors import install_error_handlers
from service.api.limits import BodySizeLimit
from service.api.openapi_errors import install_error_docs
from service.api.ratelimit import TokenBuckets
from service.api.routes import (
    adoptions,
    auth,
    check,
    dictionaries,
    drafts,
    health,
    leaders,
    model_versions,
    names,
    office,
    outlets,
    queue,
    scoreboard,
    scoring_rules,
    similar,
    solicitations,
    users,
)
from service.api.security_headers import SecurityHeaders
from service.api.unhandled import CatchUnhandled
from service.core import heap, security, server_lock
from service.core.config import Settings, get_settings
from service.core.db import make_engine, make_session_factory
from service.services import office_time
from service.services.analysis_queue import AnalysisQueue
from service.services.check_context import ContextHolder
from service.services.checking import Checker
from service.services.model_versions import ModelHolder


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    office_time.configure(settings.timezone)
    security.configure_hashing(settings.password_hash_time_cost, settings.password_hash_memory_kib)
    logging.basicConfig(level=settings.log_level.upper())

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # `govbrief db restore` refuses now, whichever var/ it uses for this database
        lock = server_lock.hold_shared(settings.var_dir, settings.database_url)
        analyzer = None
        try:
            app.state.category_model.refresh()  # load the active model before serving
            analyzer = app.state.category_model.get()
        except Exception:
            logging.getLogger("govbrief").warning("no model loaded at start; /readyz says so")
        warm_up(analyzer)  # the first check pays no lazy loads (jieba, POS table, gazetteer)
        if settings.gc_freeze:
            # the model was settled as it loaded; again for what the warm-up loaded with it
            heap.settle()  # no full collection walks them while requests wait
        try:
            yield
        finally:
            app.state.analysis_queue.shutdown()
            app.state.engine.dispose()
            server_lock.release(lock)

    app = FastAPI(
        title="govbrief",
        version="1",
        description="政务信息写作与质量检查服务",
        lifespan=lifespan,
        docs_url=None,  # served from installed assets by install_docs, not from a CDN
        redoc_url=None,
        swagger_ui_parameters={"validatorUrl": None},  # no badge fetched from elsewhere
    )
    engine = make_engine(settings.database_url)
    app.state.settings = settings
    app.state.engine = engine
    app.state.session_factory = make_session_factory(engine)
    app.state.category_model = ModelHolder(
        app.state.session_factory,
        "category",
        settings.model_poll_seconds,
        on_switch=heap.settle if settings.gc_freeze else None,
    )
    app.state.check_context = ContextHolder(app.state.session_factory, settings.model_poll_seconds)
    app.state.checker = Checker(app.state.category_model, app.state.check_context)
    app.state.rate_limits = TokenBuckets()
    app.state.analysis_queue = AnalysisQueue(settings.analysis_queue_max)
    app.state.readiness_probes = {"model": _model_ready(app.state.category_model)}

    install_error_handlers(app)
    install_error_docs(app)
    if settings.api_docs:
        install_docs(app)
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_request_bytes)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["*"],
            allow_headers=["*"],
        )
    app.add_middleware(CatchUnhandled)  # a 500 answered here keeps the connection open
    app.add_middleware(SecurityHeaders)  # added last: outermost, so every answer carries them
    routers = (health, auth, check, users, drafts, queue, dictionaries, leaders)
    scoring = (outlets, scoring_rules, adoptions, solicitations, scoreboard, model_versions)
    for module in (*routers, similar, *scoring, office, names):
        app.include_router(module.router)
    return app


def _model_ready(holder: ModelHolder):
    def probe() -> bool:
        try:
            return holder.get() is not None
        except Exception:
            return False

    return probe
