"""Outlines for tests, goldens and the benchmark: small, deep and the largest allowed."""

from __future__ import annotations

SMALL = """College van B&W
  Gemeentesecretaris / algemeen directeur
    Directie externe oriëntatie
      Team Samenleving
      Team Economie en Ruimte
    Directie interne oriëntatie
      Team Bedrijfsvoering
"""

DIRECTORATES = ["Samenleving", "Ruimte", "Dienstverlening", "Bedrijfsvoering", "Veiligheid"]
DEPARTMENTS = ["Beleid", "Uitvoering", "Projecten", "Regie", "Advies", "Ondersteuning"]
TEAMS = ["Noord", "Oost", "Zuid", "West", "Centrum", "Buitengebied"]


def deep_outline(depth: int = 12, indent: str = "\t") -> str:
    """A chain ``depth`` units long with a side team at every level, indented with tabs."""
    return "\n".join(_chain_with_siblings(depth, indent)) + "\n"


def _chain_with_siblings(depth: int, indent: str) -> list[str]:
    lines = ["College van burgemeester en wethouders"]
    for level in range(1, depth):
        lines.append(indent * level + f"Zijteam op laag {level + 1}")
        lines.append(indent * level + f"Laag {level + 1}: afdeling met een wat langere naam")
    return lines


def large_outline(units: int = 200, indent: str = "    ") -> str:
    """A municipality of ``units`` units: college, secretary, five directorates,
    six departments each, and teams under the departments until the count is reached."""
    lines = ["College van B&W", indent + "Gemeentesecretaris / algemeen directeur"]
    departments = len(DIRECTORATES) * len(DEPARTMENTS)
    teams_left = units - 2 - len(DIRECTORATES) - departments
    per_department = [teams_left // departments] * departments
    for i in range(teams_left % departments):
        per_department[i] += 1
    teams = iter(per_department)
    for directorate in DIRECTORATES:
        lines.append(indent * 2 + f"Directie {directorate}")
        for department in DEPARTMENTS:
            lines.append(indent * 3 + f"Afdeling {department} {directorate}")
            for t in range(next(teams)):
                lines.append(indent * 4 + f"Team {TEAMS[t % len(TEAMS)]} {t // len(TEAMS) + 1}")
    return "\n".join(lines) + "\n"
