"""Errors of the inventory package: all are InventoryError."""


class InventoryError(Exception):
    pass


class UnknownSku(InventoryError):
    def __init__(self, sku):
        super().__init__(f"unknown sku: {sku}")
        self.sku = sku


class UnknownReservation(InventoryError):
    def __init__(self, reservation_id):
        super().__init__(f"unknown reservation: {reservation_id}")
        self.reservation_id = reservation_id
