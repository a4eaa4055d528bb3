"""Realistic synthetic news articles about minerals deals, trade and export controls, for the
benchmark. Seeded: the same seed and count always give the same articles.

    python bench/generate.py --count 1000 --seed 7 --out /tmp/articles-1k
"""

from __future__ import annotations

import argparse
import random
from datetime import date, timedelta
from pathlib import Path

COUNTRIES = ["United States", "Japan", "China", "Australia", "India", "Canada", "Germany", "France", "South Korea",
             "Indonesia", "Chile", "Argentina", "Brazil", "Vietnam", "Malaysia", "Thailand", "Kazakhstan",
             "Saudi Arabia", "United Kingdom", "Mexico", "Peru", "Philippines", "Namibia", "Zambia"]
DEMONYM = {"United States": "US", "Japan": "Japanese", "China": "Chinese", "Australia": "Australian",
           "India": "Indian", "Canada": "Canadian", "Germany": "German", "France": "French",
           "South Korea": "South Korean", "Indonesia": "Indonesian", "Chile": "Chilean", "Brazil": "Brazilian",
           "United Kingdom": "British", "Mexico": "Mexican"}
LEADERS = ["Maria Okafor", "Jan Novak", "Aiko Tanaka", "Rahul Mehta", "Elena Petrova", "Lucas Moreau",
           "Sofia Alvarez", "Kwame Mensah", "Min-jun Park", "Anna Schmidt", "Carlos Rivera", "Leila Haddad"]
TITLES = ["President", "Prime Minister", "Trade Minister", "Minister of Mines", "Foreign Minister"]
COMPANIES = ["Eramet Group", "Lynas Rare Earths", "Albemarle Corporation", "Glencore Holdings", "Sojitz Corporation",
             "Pilbara Minerals Limited", "Tianqi Lithium Corporation", "Rio Tinto Group"]
MINERALS = ["lithium", "cobalt", "nickel", "graphite", "rare earths", "gallium", "germanium", "copper",
            "manganese", "antimony", "tungsten", "critical minerals"]
SECTORS = ["batteries", "electric vehicles", "magnets", "semiconductors", "defence", "clean energy", "electronics"]
CITIES = ["Tokyo", "Canberra", "New Delhi", "Jakarta", "Berlin", "Paris", "Seoul", "London", "Brussels", "Geneva",
          "Kuala Lumpur", "Bangkok", "Hanoi", "Manila", "Ottawa"]
KINDS = ["framework agreement", "memorandum of understanding", "trade agreement", "investment deal", "pact"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def article(rng: random.Random, index: int, start: date) -> tuple[str, str]:
    day = start + timedelta(days=rng.randrange(0, 700))
    a, b = rng.sample(COUNTRIES, 2)
    leader_a, leader_b = rng.sample(LEADERS, 2)
    title_a, title_b = rng.choice(TITLES), rng.choice(TITLES)
    minerals = rng.sample(MINERALS, 2)
    sector = rng.choice(SECTORS)
    kind = rng.choice(KINDS)
    city = rng.choice(CITIES)
    weekday = rng.choice(WEEKDAYS)
    amount = rng.choice(["$1.2 billion", "US$850 million", "USD 500 mn", "$2-billion", "€300 million"])
    share = rng.randrange(40, 95)
    producer = rng.choice(COUNTRIES)
    dem_a = DEMONYM.get(a, a)
    lines = [
        f"{a} and {b} sign {minerals[0]} {kind.split()[-1]}",
        "",
        f"{city}, {day.strftime('%B')} {day.day}, {day.year}",
        "",
        f"{dem_a} {title_a} {leader_a} and {title_b} {leader_b} of {b} on {weekday} signed a {kind} "
        f"in {city} to secure supplies of {minerals[0]} and {minerals[1]} for {sector}.",
        "Under the agreement, both countries will fund processing projects and share geological data.",
        f"The deal includes an investment of {amount} in new refining capacity.",
        f"Within six months, the two governments plan to identify projects for {sector}.",
        f"{producer} produces about {share}% of the world's {minerals[0]}, analysts said.",
    ]
    if rng.random() < 0.4:
        other = rng.choice(COUNTRIES)
        month = rng.choice(["April", "May", "June"])
        lines.append(f"{other} imposed export controls on {rng.choice(MINERALS)} in early {month}.")
    if rng.random() < 0.4:
        lines.append(f"{leader_a} will visit {rng.choice(CITIES)} next week and is scheduled to meet "
                     f"{rng.choice(LEADERS)} on Thursday.")
    if rng.random() < 0.3:
        company = rng.choice(COMPANIES)
        lines.append(f"{company} signed a memorandum of understanding with the Ministry of Mines of {b} "
                     f"on {rng.choice(MINERALS)} processing.")
    return f"bench_{index:06d}", "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    args.out.mkdir(parents=True, exist_ok=True)
    for i in range(args.count):
        name, text = article(rng, i, date(2024, 1, 1))
        (args.out / f"{name}.txt").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
