"""Who may create projects (settings.PROJECT_CREATION) and self sign-up.

The people who coordinate a project today keep the right to create more: under the
default policy (« approved ») it now takes the permission projects.add_project, which
this migration grants them.
"""

from django.db import migrations, models


def grant_existing_coordinators(apps, schema_editor):
    Membership = apps.get_model("projects", "Membership")
    User = apps.get_model("projects", "User")
    user_ids = set(Membership.objects.filter(role="coordinator").values_list("user_id", flat=True))
    if not user_ids:
        return
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    # On a database migrated in one go, permissions are created only after the last
    # migration (post_migrate): make this one now; the later pass finds it.
    content_type, _created = ContentType.objects.get_or_create(
        app_label="projects", model="project"
    )
    permission, _created = Permission.objects.get_or_create(
        content_type=content_type, codename="add_project", defaults={"name": "Can add projet"}
    )
    for user in User.objects.filter(pk__in=user_ids):
        user.user_permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0007_project_content_version"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AddField(
            model_name="user",
            name="signed_up_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="inscrit·e le"),
        ),
        migrations.AddField(
            model_name="user",
            name="creation_requested_at",
            field=models.DateTimeField(
                blank=True, null=True, verbose_name="demande de création de projets"
            ),
        ),
        migrations.RunPython(grant_existing_coordinators, migrations.RunPython.noop),
    ]
