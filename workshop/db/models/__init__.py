"""All tables. Importing this module registers every model on ``Base.metadata``."""

from .briefs import Attachment, AttachmentBlob, Brief
from .costing import (ChangeOrder, ClockOn, ChangeOrderHours, ChangeOrderMaterial, DirectCost, MaterialIssue, Quote, QuoteLine,
                      TimeLog)
from .invoicing import Invoice, InvoiceLine, Payment, TaxCode
from .jobs import BomItem, Job, JobStatusChange, Operation
from .parties import Customer, CustomerAddress
from .quality import (AftercareTicket, Delivery, Feedback, FinishedTest, InspectionCheck, InspectionPhoto,
                      InspectionReading, InspectionResult, NonConformance, TemplateStepCheck, Warranty)
from .planning import JobOrder, QuoteHours, ShopHoliday, WorkstationDayOff
from .repairs import SetAsideRow
from .shop import Material, NumberSequence, Operator, ShopSettings, Workstation, operator_skills
from .stock import (GoodsReceipt, GoodsReceiptLine, MaterialSupplier, PurchaseOrder, PurchaseOrderLine,
                    StockMovement, Stocktake, Supplier)
from .templates import RoutingTemplate, RoutingTemplateStep

__all__ = [
    "AftercareTicket", "Attachment", "AttachmentBlob", "BomItem", "Brief", "ChangeOrder", "ChangeOrderHours",
    "ChangeOrderMaterial", "ClockOn", "Customer", "CustomerAddress", "Delivery", "DirectCost", "Feedback", "FinishedTest", "GoodsReceipt", "GoodsReceiptLine", "MaterialSupplier", "InspectionCheck",
    "InspectionPhoto", "InspectionReading", "InspectionResult", "Invoice", "InvoiceLine", "Job", "JobOrder", "JobStatusChange", "Material",
    "MaterialIssue", "NonConformance", "NumberSequence", "Operation", "Operator", "Payment", "PurchaseOrder", "PurchaseOrderLine", "StockMovement", "Stocktake", "Supplier", "TaxCode", "Quote",
    "QuoteHours", "QuoteLine", "RoutingTemplate", "RoutingTemplateStep", "SetAsideRow", "ShopHoliday", "ShopSettings", "TemplateStepCheck", "TimeLog",
    "Warranty", "Workstation", "WorkstationDayOff", "operator_skills",
]
