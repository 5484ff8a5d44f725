"""The inventory: stock levels per SKU, and reservations held against them."""
from .errors import InventoryError, UnknownReservation, UnknownSku
from .models import Item


class Inventory:
    def __init__(self):
        self._items = {}
        self._reservations = {}
        self._next_id = 1

    def add_item(self, sku, name, quantity=0):
        if sku in self._items:
            raise InventoryError(f"duplicate sku: {sku}")
        self._items[sku] = Item(sku, name, quantity)

    def _item(self, sku):
        try:
            return self._items[sku]
        except KeyError:
            raise UnknownSku(sku) from None

    def restock(self, sku, quantity):
        _check_quantity(quantity)
        self._item(sku).quantity += quantity

    def remove(self, sku, quantity):
        _check_quantity(quantity)
        item = self._item(sku)
        _check_available(sku, self.available(sku), quantity)
        item.quantity -= quantity

    def quantity(self, sku):
        return self._item(sku).quantity

    def available(self, sku):
        held = sum(q for s, q in self._reservations.values() if s == sku)
        return self._item(sku).quantity - held

    def reserve(self, sku, quantity):
        self._item(sku)
        _check_quantity(quantity)
        _check_available(sku, self.available(sku), quantity)
        reservation_id = f"R{self._next_id}"
        self._next_id += 1
        self._reservations[reservation_id] = (sku, quantity)
        return reservation_id

    def _end(self, reservation_id):
        try:
            return self._reservations.pop(reservation_id)
        except KeyError:
            raise UnknownReservation(reservation_id) from None

    def release(self, reservation_id):
        self._end(reservation_id)

    def commit(self, reservation_id):
        sku, quantity = self._end(reservation_id)
        self._item(sku).quantity -= quantity


def _check_available(sku, available, quantity):
    if quantity > available:
        raise InventoryError(f"not enough stock for {sku}: {available} < {quantity}")


def _check_quantity(quantity):
    if not isinstance(quantity, int) or isinstance(quantity, bool) or quantity <= 0:
        raise InventoryError(f"quantity must be a positive int, got {quantity!r}")
