"""The emulation figures of closed months, stored (reports.stored_months)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('units', '0004_unit_search_name'),
    ]

    operations = [
        migrations.CreateModel(
            name='StoredMonth',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('date_from', models.DateField()),
                ('date_to', models.DateField()),
                ('calendar_key', models.CharField(max_length=64)),
                ('stored_at', models.DateTimeField(auto_now_add=True)),
            ],
            options={
                # One marker per month; its index serves the report's read of the markers
                # (stored_months.figures: date_to IN …) and the delete of forget_from (date_to >= …).
                'constraints': [models.UniqueConstraint(fields=('date_to', 'date_from'), name='stored_month_once')],
            },
        ),
        migrations.CreateModel(
            name='StoredMonthFigure',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('date_from', models.DateField()),
                ('date_to', models.DateField()),
                ('overdue', models.PositiveIntegerField()),
                ('recorded_late', models.PositiveIntegerField()),
                ('unit', models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='units.unit')),
            ],
            options={
                # Its index serves the report's read of the stored figures (stored_months._read:
                # date_to IN … AND date_from IN … [AND unit_id IN …]) and the delete of
                # forget_from (date_to >= the day changed).
                'constraints': [models.UniqueConstraint(fields=('date_to', 'date_from', 'unit'), name='stored_month_figure_once')],
            },
        ),
    ]
