"""Comment threads: everyone who may read the object comments and resolves; a comment is
edited by its author only (here the coordinator), removed by its author or a coordinator."""

from . import POST, READ, profile

AUTHOR_ONLY = profile(302, 404, 403, 403, 403, 200)

MATRIX = {
    "steps:comment_thread": (READ, None),
    "steps:comment_thread_resolve": (READ, POST),
    "steps:comment_edit": (AUTHOR_ONLY, None),
    "steps:comment_remove": (AUTHOR_ONLY, POST),
}


def _comment(world):
    from steps.comments.models import Comment

    comment, _created = Comment.objects.get_or_create(
        project=world.project,
        target="entente",
        code="couts",
        author=world.coordinator,
        defaults={"body": "Commentaire de la matrice"},
    )
    return comment


URL_KWARGS = {
    "comment_kind": lambda world: "entente",
    "comment_key": lambda world: "couts",
    "comment_id": lambda world: _comment(world).pk,
}
