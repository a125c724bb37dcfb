from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("steps", "0006_agreement_language_and_review"),
    ]

    operations = []
