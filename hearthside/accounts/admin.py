from django.contrib import admin

from hearthside.accounts.models import Person


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    # The admin shows accounts only; entries are private and have no admin pages on purpose.
    list_display = ("id", "display_name", "date_joined", "is_active")
    search_fields = ("display_name",)
    exclude = ("password",)
