"""`in` on integer columns leaves out the numbers the column cannot hold.

Django's own `exact`, `lt`, `gt`… lookups on integer fields already do this (IntegerFieldOverflow:
such a number matches nothing). `in` does not: on SQLite a number beyond 64 bits raised
OverflowError, so a form's multiple choice posted with "99999999999999999999" (the groups of a
user, the permissions of a group) answered 500 instead of "not a valid choice".
"""

from django.db.models import IntegerField
from django.db.models.lookups import In


class IntegerFieldIn(In):
    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            low, high = connection.ops.integer_field_range(
                self.lhs.output_field.get_internal_type()
            )
            self.rhs = [value for value in self.rhs if fits(value, low, high)]
        return super().process_rhs(compiler, connection)


def fits(value, low, high) -> bool:
    if not isinstance(value, int):
        return True
    return (low is None or value >= low) and (high is None or value <= high)


def register():
    IntegerField.register_lookup(IntegerFieldIn)
