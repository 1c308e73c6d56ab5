"""The task list's diacritics-free search column, filled for existing tasks, and on
PostgreSQL its trigram index (a substring LIKE over a million rows otherwise reads them all;
SQLite has no such index and scans, which its smaller installations can afford)."""

from django.db import migrations, models

from nhiemvu.text import search_key

BATCH = 2000


def fill_search_text(apps, schema_editor):
    Task = apps.get_model("tracking", "Task")
    tasks = Task.objects.select_related("directive").only("content", "directive__number_symbol")
    batch = []
    for task in tasks.iterator(chunk_size=BATCH):
        task.search_text = search_key(f"{task.directive.number_symbol} {task.content}")
        batch.append(task)
        if len(batch) == BATCH:
            Task.objects.bulk_update(batch, ["search_text"])
            batch = []
    Task.objects.bulk_update(batch, ["search_text"])


def create_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS task_search_trgm ON tracking_task USING gin (search_text gin_trgm_ops)"
    )


def drop_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS task_search_trgm")


class Migration(migrations.Migration):
    dependencies = [
        ("tracking", "0005_event_attachment_upload_record"),
    ]

    operations = [
        migrations.AddField(
            model_name="task",
            name="search_text",
            field=models.TextField(default="", editable=False),
        ),
        migrations.RunPython(fill_search_text, migrations.RunPython.noop, elidable=True),
        migrations.RunPython(create_trigram_index, drop_trigram_index),
    ]
