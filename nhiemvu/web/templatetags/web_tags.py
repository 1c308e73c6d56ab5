"""Small display helpers for the templates."""

from django import template

register = template.Library()
