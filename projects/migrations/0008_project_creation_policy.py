from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0007_project_content_version"),
    ]

    operations = []
