"""URLs of the six steps, all under /projets/<project_slug>/, one list per concept."""

from .attachments.urls import urlpatterns as attachments
from .checklist.urls import urlpatterns as checklist
from .comments.urls import urlpatterns as comments
from .diagnostic.urls import urlpatterns as diagnostic
from .evaluation.urls import urlpatterns as evaluation
from .followup.urls import urlpatterns as followup
from .modelling.urls import urlpatterns as modelling
from .planning.urls import urlpatterns as planning
from .questionnaire.urls import urlpatterns as questionnaire
from .reports.documents_urls import urlpatterns as documents
from .reports.urls import urlpatterns as reports
from .resources.urls import urlpatterns as resources
from .study.urls import urlpatterns as study
from .transfer.urls import urlpatterns as transfer

app_name = "steps"

urlpatterns = (
    questionnaire
    + diagnostic
    + resources
    + study
    + modelling
    + planning
    + evaluation
    + transfer
    + reports
    + followup
    + documents
    + comments
    + checklist
    + attachments
)
