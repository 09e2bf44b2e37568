"""A synthetic legacy corpus for benchmarks: French texts of realistic length from templates.

The sentences are ours; the names come from the registry, so linking has real work to do,
and from a pool of invented people the registry lacks (engineers, managers: real archives are
full of them), so the unknown names queue has its share too.
"""

import hashlib
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from teams.models import Car, Championship, Circuit, Driver, Manufacturer, Team

SENTENCES = [
    "{driver} s'est imposé en {championship} au volant de sa {car}, sur le circuit de {circuit}.",
    "L'équipe {team} a dominé le week-end de {championship} grâce à une stratégie audacieuse.",
    "{make} confirme son engagement en {championship} pour la saison prochaine.",
    "Parti de la troisième ligne, {driver} a remonté le peloton tour après tour.",
    "Les mécaniciens de {team} ont changé la boîte de vitesses pendant la nuit.",
    "La {car} a montré une vitesse de pointe remarquable dans la longue ligne droite de {circuit}.",
    "Au championnat, {driver} compte désormais douze points d'avance sur {driver2}.",
    "La pluie a bouleversé la hiérarchie en fin de course, au grand dam de {driver2}.",
    "Le directeur sportif de {team} s'est félicité de la fiabilité de la voiture.",
    "{make} prépare une évolution aérodynamique pour la manche suivante à {circuit}.",
    "Une pénalité de cinq secondes a privé {driver2} d'un podium pourtant mérité.",
    "La balance de performance imposée par les organisateurs du {championship} fait débat.",
    "Dans les stands, on évoquait déjà un transfert de {driver} vers {team}.",
    "Les essais libres ont été interrompus à deux reprises par des drapeaux rouges.",
    "Le public s'est massé le long des tribunes pour saluer le vainqueur.",
    "Cette victoire est la troisième de la saison pour l'équipe {team}.",
    "Interrogé après la course, {person} a salué le travail des mécaniciens de {team}.",
    "{person}, ingénieur de piste chez {team}, détaille les réglages retenus pour {circuit}.",
]

# People no registry knows: 10 × 10 invented names.
_FIRST = "Lucien Marthe Gaspard Odile Anselme Clémence Hippolyte Solène Firmin Bérénice"
_LAST = "Delorme Marchetti Quintin Roussel Bellamy Tessier Lagarde Pruvost Chauvet Vasseur"
PEOPLE = [f"{first} {last}" for first in _FIRST.split() for last in _LAST.split()]


@dataclass
class Names:
    championship: list[str]
    make: list[str]
    team: list[str]
    driver: list[str]
    car: list[str]
    circuit: list[str]

    @classmethod
    def from_registry(cls) -> "Names":
        return cls(
            championship=list(Championship.objects.values_list("name", flat=True)),
            make=list(Manufacturer.objects.values_list("name", flat=True)),
            team=list(Team.objects.values_list("name", flat=True)),
            driver=list(Driver.objects.values_list("name", flat=True)),
            car=list(Car.objects.values_list("name", flat=True)),
            circuit=list(Circuit.objects.values_list("name", flat=True)),
        )


def synthetic_text(rng: random.Random, names: Names) -> str:
    """One legacy text of about 2 KB: a date header and 5–8 paragraphs."""
    picks = {kind: rng.choice(values) for kind, values in vars(names).items()}
    picks["driver2"] = rng.choice(names.driver)
    picks["person"] = rng.choice(PEOPLE)
    paragraphs = [
        " ".join(rng.choice(SENTENCES).format(**picks) for _ in range(rng.randint(2, 4)))
        for _ in range(rng.randint(5, 8))
    ]
    date = f"{rng.randint(2005, 2024)}-{rng.randint(1, 12):02d}"
    if rng.random() < 0.2:
        date += f"-{rng.randint(1, 28):02d}"
    return f" date {date} " + "\n\n".join(paragraphs) + "\n"


def write_corpus(directory: Path, count: int, *, seed: int = 2026) -> Iterator[Path]:
    """Write `count` texts named like real legacy files (sequence + SHA-1 prefix)."""
    rng, names = random.Random(seed), Names.from_registry()
    directory.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        data = synthetic_text(rng, names).encode()
        path = directory / f"{n:06d}_{hashlib.sha1(data).hexdigest()[:16]}.txt"
        path.write_bytes(data)
        yield path
