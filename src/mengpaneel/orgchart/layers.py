"""How far the area-based work sits from the executive, counted in the chart's layers."""

from __future__ import annotations

from dataclasses import dataclass

from mengpaneel.orgchart.outline import Outline, Unit


@dataclass(frozen=True)
class Distance:
    """The path from the executive down to the unit where area-based working sits.

    ``between`` holds the units strictly between the two, from the top down: their
    number is the layers count. "Not named in the official chart" does not change it:
    the area work then sits inside the marked unit, as it would inside a unit named
    after it, so both cases count the layers above the marked unit.
    """

    area_unit: Unit
    executive: Unit
    between: tuple[Unit, ...]

    @property
    def layers(self) -> int:
        return len(self.between)

    @property
    def path(self) -> tuple[Unit, ...]:
        """Executive, the layers between, the marked unit."""
        if self.area_unit is self.executive:
            return (self.executive,)
        return (self.executive, *self.between, self.area_unit)


def is_above(executive: Unit, unit: Unit) -> bool:
    """Whether ``executive`` is ``unit`` itself or one of the units it falls under."""
    return executive is unit or any(above is executive for above in unit.ancestors())


def distance(outline: Outline, area_key: str, executive_key: str = "") -> Distance | None:
    """The distance for the marked unit, or None while no unit is marked.

    The executive is the unit the trio named as such, else the top of the marked
    unit's tree (usually "College van B&W"); one that is not above the marked unit
    (the outline changed since) falls back to that top as well.
    """
    area = outline.find(area_key)
    if area is None:
        return None
    executive = outline.find(executive_key) or area.top()
    if not is_above(executive, area):
        executive = area.top()
    between: list[Unit] = []
    for unit in area.ancestors():
        if unit is executive:
            break
        between.append(unit)
    return Distance(area_unit=area, executive=executive, between=tuple(reversed(between)))
