"""URLs of the six steps, all under /projets/<project_slug>/, one list per concept."""

from .diagnostic.urls import urlpatterns as diagnostic
from .evaluation.urls import urlpatterns as evaluation
from .modelling.urls import urlpatterns as modelling
from .planning.urls import urlpatterns as planning
from .pricing.urls import urlpatterns as pricing
from .questionnaire.urls import urlpatterns as questionnaire
from .reports.urls import urlpatterns as reports
from .transfer.urls import urlpatterns as transfer

app_name = "steps"

urlpatterns = (
    questionnaire + diagnostic + pricing + modelling + planning + evaluation + transfer + reports
)
