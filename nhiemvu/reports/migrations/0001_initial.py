"""The emulation figures of closed months, stored (reports.stored_months)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
    ]

    operations = [
        migrations.CreateModel(
            name='StoredMonth',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('date_from', models.DateField()),
                ('date_to', models.DateField()),
                ('calendar_key', models.CharField(max_length=64)),
                ('figures', models.TextField()),
                ('stored_at', models.DateTimeField(auto_now_add=True)),
            ],
            options={
                # One row per month; its index serves the report's read of the months it needs
                # (stored_months.figures: date_to IN …) and the delete of forget_from, when a
                # past event is written (date_to >= its day).
                'constraints': [models.UniqueConstraint(fields=('date_to', 'date_from'), name='stored_month_once')],
            },
        ),
    ]
