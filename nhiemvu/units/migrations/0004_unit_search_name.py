from django.db import migrations, models

from nhiemvu.text import search_key


def fill_search_name(apps, schema_editor):
    """The key of the units already stored (Unit.compute_search_name)."""
    Unit = apps.get_model("units", "Unit")
    units = list(Unit.objects.only("name", "short_name", "code"))
    for unit in units:
        unit.search_name = search_key(f"{unit.name} | {unit.short_name} | {unit.code}")
    Unit.objects.bulk_update(units, ["search_name"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("units", "0003_drop_unit_successor"),
    ]

    operations = [
        migrations.AddField(
            model_name="unit",
            name="search_name",
            field=models.CharField(default="", editable=False, max_length=400),
        ),
        migrations.RunPython(fill_search_name, migrations.RunPython.noop),
    ]
