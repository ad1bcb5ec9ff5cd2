"""All tables. Importing this module registers every model on ``Base.metadata``."""

from .briefs import Attachment, AttachmentBlob, Brief
from .costing import ChangeOrder, ChangeOrderHours, ChangeOrderMaterial, DirectCost, MaterialIssue, Quote, QuoteLine, TimeLog
from .jobs import BomItem, Job, JobStatusChange, Operation
from .parties import Customer
from .quality import (AftercareTicket, Delivery, Feedback, FinishedTest, InspectionCheck, InspectionPhoto,  # noqa: F401 - quality issue
                      InspectionReading, InspectionResult, NonConformance, TemplateStepCheck, Warranty)
from .shop import Material, NumberSequence, Operator, ShopSettings, Workstation, operator_skills
from .templates import RoutingTemplate, RoutingTemplateStep

__all__ = [
    "Attachment", "AttachmentBlob", "BomItem", "Brief", "Customer", "Job", "JobStatusChange",
    "Material", "NumberSequence", "Operation", "Operator", "RoutingTemplate", "RoutingTemplateStep",
    "ShopSettings", "Workstation", "operator_skills",
]
