"""The `geoevents` command line.

It lives in `maps`, the top of the stack (maps -> geo -> gazetteer), because
its commands reach every layer; each command imports only what it needs, so
`geoevents lookup` starts without loading spaCy, folium or geopandas.
"""
from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable, Sequence

from gazetteer import KINDS, AliasError

log = logging.getLogger("geoevents")

EPILOG = """\
examples:
  geoevents lookup Kharkov "Donetsk region" --json
  geoevents lookup Paris --country US

Every place comes from an offline gazetteer (GeoNames, CC BY 4.0; Natural Earth,
public domain): nothing is sent over the network.
"""


class CommandError(Exception):
    """A problem the user can fix; printed as one line, exit status 2."""


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    noise = common.add_mutually_exclusive_group()
    noise.add_argument("-q", "--quiet", action="store_true", help="print only results and errors")
    noise.add_argument("-v", "--verbose", action="store_true", help="say what is being done and why")
    common.add_argument("--aliases", metavar="FILE", action="append", default=[],
                        help="extra places and names in the TOML format of gazetteer/data/aliases.toml "
                             "(repeatable)")

    parser = argparse.ArgumentParser(
        prog="geoevents",
        description="Find the places news articles mention, what happened there, and map it - offline.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    lookup = commands.add_parser(
        "lookup", parents=[common], help="show the places a name may mean, best first",
        description="Look names up in the offline gazetteer and show the places each may mean, best first. "
                    "Spelling variants (Kiev/Kyiv, Donets'k), a leading 'the' and suffixes such as "
                    "'region', 'oblast' or 'city' are understood.")
    lookup.add_argument("names", nargs="+", metavar="NAME", help="a place name, e.g. Kharkov or 'Kursk region'")
    lookup.add_argument("--country", metavar="CC", help="only places in this country (ISO code, e.g. UA)")
    lookup.add_argument("--kind", choices=KINDS, help="only places of this kind")
    lookup.add_argument("--limit", type=_positive_int, default=5, metavar="N",
                        help="candidates per name (default: 5)")
    lookup.add_argument("--json", action="store_true", help="one JSON object per name, one per line")
    lookup.set_defaults(run=_lookup)
    return parser


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def _lookup(args: argparse.Namespace) -> int:
    from gazetteer import Gazetteer

    gazetteer = Gazetteer(aliases=args.aliases)
    country = args.country.upper() if args.country else None
    if country is not None and (len(country) != 2 or not country.isalpha()):
        raise CommandError(f"--country takes a two-letter ISO code such as UA, not {args.country!r}")
    found_all = True
    for name in args.names:
        places = gazetteer.candidates(name, country=country, kind=args.kind, limit=args.limit)
        found_all &= bool(places)
        if args.json:
            fields = ("name", "kind", "lat", "lon", "country_code", "admin1", "geonameid", "population",
                      "score", "id")
            record = {"query": name, "candidates": [{f: getattr(p, f) for f in fields} for p in places]}
            for candidate in record["candidates"]:
                candidate["score"] = round(candidate["score"], 4)
            print(json.dumps(record, ensure_ascii=False))
            continue
        print(f"{name}:")
        if not places:
            print("  (no place of that name)")
        for p in places:
            where = ", ".join(x for x in (p.admin1, p.country_code) if x)
            print(f"  {p.score:.3f}  {p.name} ({p.kind}{', ' + where if where else ''})  "
                  f"{p.lat:.4f}, {p.lon:.4f}  pop {p.population:,}  [{p.id}]")
    return 0 if found_all else 1


def _configure_logging(args: argparse.Namespace) -> None:
    level = logging.WARNING if args.quiet else logging.DEBUG if args.verbose else logging.INFO
    logging.basicConfig(level=level, format="geoevents: %(message)s", stream=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; the exit status is 0 on success, 1 when nothing was found, 2 on errors."""
    args = _parser().parse_args(argv)
    _configure_logging(args)
    run: Callable[[argparse.Namespace], int] = args.run
    try:
        return run(args)
    except (CommandError, AliasError) as e:
        log.error("error: %s", e)
        return 2
    except KeyboardInterrupt:
        log.error("interrupted")
        return 130
    except BrokenPipeError:
        sys.stderr.close()  # the reader went away (| head): not an error worth a message
        return 0


if __name__ == "__main__":
    sys.exit(main())
