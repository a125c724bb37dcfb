from django.urls import path

from . import views

THREAD = "commentaires/<slug:comment_kind>/<str:comment_key>/"

# The comment's own pages first: « commentaires/12/modifier/ » is not a thread.
urlpatterns = [
    path("commentaires/<int:comment_id>/modifier/", views.comment_edit, name="comment_edit"),
    path("commentaires/<int:comment_id>/retirer/", views.comment_remove, name="comment_remove"),
    path(THREAD, views.thread, name="comment_thread"),
    path(THREAD + "resolution/", views.thread_resolve, name="comment_thread_resolve"),
]
