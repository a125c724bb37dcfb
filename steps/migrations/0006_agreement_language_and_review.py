from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("steps", "0005_calendar_feeds_and_generated_reports"),
    ]

    operations = []
