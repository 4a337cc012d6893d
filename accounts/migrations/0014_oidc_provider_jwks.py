from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0011_password_policy_default_length'),
    ]

    operations = [
        migrations.AddField(
            model_name='oidcprovider',
            name='jwks',
            field=models.JSONField(blank=True, default=dict),
        ),
    ]
