"""SQLAlchemy tables (named "tables": "models" is the analysis library)."""

from service.tables.adoptions import Adoption, Instruction
from service.tables.base import Base
from service.tables.drafts import (
    Draft,
    DraftStatus,
    DraftSubmission,
    Review,
    ReviewDecision,
    ReviewStage,
)
from service.tables.leaders import Leader
from service.tables.model_versions import ModelStatus, ModelVersion, TrainingJob
from service.tables.neardup import DraftBand, DraftMark, DraftSignature
from service.tables.org import LoginThrottle, Role, Unit, User
from service.tables.outlets import Outlet, OutletLevel
from service.tables.reference import AuditLog, Dictionary, DictionaryTerm, FlagDismissal
from service.tables.scoreboard import DraftMonth, RemunerationMonth, RemunerationYear, ScoreMonth
from service.tables.scoring_rules import ScoringRule
from service.tables.solicitations import Solicitation, SolicitationUnit

__all__ = [
    "Adoption",
    "AuditLog",
    "Base",
    "Dictionary",
    "DictionaryTerm",
    "Draft",
    "DraftBand",
    "DraftMark",
    "DraftMonth",
    "DraftSignature",
    "DraftStatus",
    "DraftSubmission",
    "FlagDismissal",
    "Instruction",
    "Leader",
    "LoginThrottle",
    "ModelStatus",
    "ModelVersion",
    "Outlet",
    "OutletLevel",
    "Review",
    "ReviewDecision",
    "ReviewStage",
    "RemunerationMonth",
    "RemunerationYear",
    "Role",
    "ScoreMonth",
    "ScoringRule",
    "Solicitation",
    "SolicitationUnit",
    "TrainingJob",
    "Unit",
    "User",
]
