import unittest

from inventory import Inventory, InventoryError, UnknownSku
from inventory.errors import UnknownReservation


def make():
    inv = Inventory()
    inv.add_item("apple", "Apple", 10)
    inv.add_item("pear", "Pear", 2)
    return inv


class Reserve(unittest.TestCase):
    def test_ids_and_available(self):
        inv = make()
        self.assertEqual(inv.reserve("apple", 3), "R1")
        self.assertEqual(inv.reserve("pear", 1), "R2")
        self.assertEqual(inv.reserve("apple", 2), "R3")
        self.assertEqual(inv.available("apple"), 5)
        self.assertEqual(inv.quantity("apple"), 10)

    def test_errors(self):
        inv = make()
        with self.assertRaises(UnknownSku):
            inv.reserve("plum", 1)
        with self.assertRaisesRegex(InventoryError, "^quantity must be a positive int, got 0$"):
            inv.reserve("apple", 0)
        inv.reserve("pear", 2)
        with self.assertRaisesRegex(InventoryError, "^not enough stock for pear: 0 < 1$"):
            inv.reserve("pear", 1)


class ReleaseCommit(unittest.TestCase):
    def test_release(self):
        inv = make()
        rid = inv.reserve("apple", 4)
        inv.release(rid)
        self.assertEqual(inv.available("apple"), 10)
        self.assertEqual(inv.quantity("apple"), 10)

    def test_commit(self):
        inv = make()
        rid = inv.reserve("apple", 4)
        inv.commit(rid)
        self.assertEqual(inv.quantity("apple"), 6)
        self.assertEqual(inv.available("apple"), 6)

    def test_ended_ids_are_unknown(self):
        inv = make()
        first = inv.reserve("apple", 1)
        second = inv.reserve("apple", 1)
        inv.release(first)
        inv.commit(second)
        for call in (inv.release, inv.commit):
            for rid in (first, second, "R99"):
                with self.assertRaisesRegex(UnknownReservation, f"^unknown reservation: {rid}$"):
                    call(rid)
        self.assertEqual(inv.reserve("apple", 1), "R3")

    def test_unknown_reservation_is_an_inventory_error(self):
        self.assertTrue(issubclass(UnknownReservation, InventoryError))


class RemoveRespectsReservations(unittest.TestCase):
    def test_remove(self):
        inv = make()
        inv.reserve("apple", 7)
        with self.assertRaisesRegex(InventoryError, "^not enough stock for apple: 3 < 4$"):
            inv.remove("apple", 4)
        inv.remove("apple", 3)
        self.assertEqual(inv.quantity("apple"), 7)
        self.assertEqual(inv.available("apple"), 0)
