"""A small script using votepower's public API; ``mypy --strict`` must accept it (the package
ships ``py.typed``)."""

from __future__ import annotations

from fractions import Fraction

from votepower import WeightedGame, banzhaf, citizen_power, shapley_shubik
from votepower.request.compare import compare
from votepower.us.alternatives import body_of, federation
from votepower.us.apportion import apportion
from votepower.us.datasets import apportionment_census


def main() -> None:
    game = WeightedGame([4, 4, 4, 2, 2, 1], 12)
    swings: tuple[int, ...] | None = banzhaf(game, exact=True).swings
    values = shapley_shubik(game, exact=True).values
    first: Fraction | float = values[0]
    fed = federation(2020, states=("CA", "TX", "WY"))
    result = citizen_power(body_of(fed, "electoral-college"))
    least: float = min(b.citizen_banzhaf for b in result.blocks)
    people = {r.code: r.population for r in apportionment_census(2020) if r.population}
    seats: dict[str, int] = apportion(people, 435).seats
    comparison = compare(["ec-current"], fed)
    rows: list[dict[str, object]] = [dict(r) for r in comparison.to_records()]
    columns: list[str] = [str(c) for c in comparison.to_frame().columns]
    print(swings, first, least, seats["CA"], len(rows), columns[0])


if __name__ == "__main__":
    main()
