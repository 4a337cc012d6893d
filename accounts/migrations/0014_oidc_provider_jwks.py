from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0013_temporary_credentials'),
    ]

    operations = [
        migrations.AddField(
            model_name='oidcprovider',
            name='jwks',
            field=models.JSONField(blank=True, default=dict),
        ),
    ]
