from django.urls import path

from . import archive_views, bulk_views, views

app_name = "projects"

urlpatterns = [
    path("", views.project_list, name="list"),
    path("nouveau/", views.project_create, name="create"),
    # Public: the token in the link is the credential (see Invitation.token).
    path("invitation/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("invitation/<str:token>/compte/", views.invitation_signup, name="invitation_signup"),
    path("<slug:project_slug>/", views.project_home, name="home"),
    path("<slug:project_slug>/modifier/", views.project_edit, name="edit"),
    path("<slug:project_slug>/archiver/", archive_views.project_archive, name="archive"),
    path("<slug:project_slug>/desarchiver/", archive_views.project_unarchive, name="unarchive"),
    path(
        "<slug:project_slug>/organisations/<int:organisation_id>/",
        views.organisation_detail,
        name="organisation",
    ),
    path(
        "<slug:project_slug>/organisations/<int:organisation_id>/modifier/",
        views.organisation_edit,
        name="organisation_edit",
    ),
    path("<slug:project_slug>/membres/", views.members, name="members"),
    path("<slug:project_slug>/membres/inviter/", views.invite, name="invite"),
    path(
        "<slug:project_slug>/membres/inviter-en-lot/", bulk_views.bulk_invite, name="bulk_invite"
    ),
    path(
        "<slug:project_slug>/membres/inviter-en-lot/envoyer/",
        bulk_views.bulk_invite_send,
        name="bulk_invite_send",
    ),
    path(
        "<slug:project_slug>/invitations/en-attente/",
        bulk_views.invitations_pending,
        name="invitations_pending",
    ),
    path(
        "<slug:project_slug>/invitations/relancer/",
        bulk_views.invitations_remind,
        name="invitations_remind",
    ),
    path(
        "<slug:project_slug>/membres/<int:membership_id>/retirer/",
        views.member_remove,
        name="member_remove",
    ),
    path(
        "<slug:project_slug>/invitations/<int:invitation_id>/renvoyer/",
        views.invitation_resend,
        name="invitation_resend",
    ),
    path(
        "<slug:project_slug>/invitations/<int:invitation_id>/annuler/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
]
