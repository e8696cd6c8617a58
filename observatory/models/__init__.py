"""The observatory's tables, one module per subject; import from here."""

from observatory.models.assessment import (
    SCORE_MAX,
    SCORE_MIN,
    AssessmentCriterion,
    AssessmentDimension,
    AssessmentGrid,
    SelfAssessment,
)
from observatory.models.collectives import (
    KIND_LABELS,
    WORK_LABELS,
    BuildingWork,
    Collective,
    CollectiveMember,
    ProjectKind,
    collective_networks,
)
from observatory.models.plans import PLAN_STATUS_LABELS, PlannedResource, PlanStatus
from observatory.models.research import RESEARCH_STATUS_LABELS, QuestionStatus, ResearchQuestion
from observatory.models.surveys import (
    CHOICE_KINDS,
    QUESTION_KIND_LABELS,
    STATUS_LABELS,
    OutboxMessage,
    Question,
    QuestionKind,
    Survey,
    SurveyInvitation,
    SurveyResponse,
    SurveySection,
    SurveyStatus,
)
from observatory.models.testimonies import TESTIMONY_KIND, testimony_collectives
from observatory.models.usage import USAGE_LABELS, CommentStatus, ResourceFeedback, UsageEvent, UsageKind

__all__ = [
    "TESTIMONY_KIND", "CHOICE_KINDS", "KIND_LABELS", "PLAN_STATUS_LABELS", "QUESTION_KIND_LABELS",
    "RESEARCH_STATUS_LABELS", "SCORE_MAX", "SCORE_MIN", "STATUS_LABELS", "USAGE_LABELS", "WORK_LABELS",
    "AssessmentCriterion", "AssessmentDimension", "AssessmentGrid", "BuildingWork", "Collective",
    "CollectiveMember", "CommentStatus", "OutboxMessage", "PlanStatus", "PlannedResource", "ProjectKind",
    "Question", "QuestionKind", "QuestionStatus", "ResearchQuestion", "ResourceFeedback",
    "SelfAssessment", "Survey", "SurveyInvitation", "SurveyResponse", "SurveySection", "SurveyStatus",
    "UsageEvent", "UsageKind", "collective_networks", "testimony_collectives",
]
