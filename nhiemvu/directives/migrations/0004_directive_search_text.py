from django.db import migrations, models

from nhiemvu.text import search_key


def fill_search_text(apps, schema_editor):
    """The key of the directives already stored (Directive.compute_search_text)."""
    Directive = apps.get_model("directives", "Directive")
    directives = list(Directive.objects.only("number_symbol", "issuer", "summary"))
    for directive in directives:
        directive.search_text = search_key(f"{directive.number_symbol} {directive.issuer} {directive.summary}")
    Directive.objects.bulk_update(directives, ["search_text"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("directives", "0003_directive_unique_per_issuer"),
    ]

    operations = [
        migrations.AddField(
            model_name="directive",
            name="search_text",
            field=models.TextField(default="", editable=False),
        ),
        migrations.RunPython(fill_search_text, migrations.RunPython.noop),
    ]
