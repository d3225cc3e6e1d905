"""`manage.py seed_demo`: fill an empty database with deterministic demo data and logins."""

import time

from django.core.management.base import BaseCommand, CommandError

from loket import demo


class Command(BaseCommand):
    help = (
        "Fill an empty database with realistic, deterministic demo data: the registry "
        "(regions, school boards, schools with coordinates, institutes, partners, their "
        "participation and contacts, opleidingsscholen with training places), one demo login "
        "per role, desk advisers and studieadviseurs, vacancies (open, concept and past), "
        "candidates with profiles and whole journeys (referrals, admissibility outcomes, "
        "introductions for vacancies, interviews, trial lessons, appointments, take-overs; "
        "those past their retention period already erased), advice slots with bookings, "
        "information evenings with sign-ups, and the boards' quarterly hidden-shortage "
        "returns (Rotterdam's last quarter with the figures of seed 002). -v 2 prints each "
        "step's time."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            choices=sorted(demo.SCALES),
            default="small",
            help=(
                "small: 3 regions, Twente with the 24 boards of its RAP plan, 150 candidates, "
                "a few dozen vacancies per region; national: 35 regions, 1,200 boards, 7,000 "
                "schools, 100,000 candidates, about 20,000 vacancies."
            ),
        )
        parser.add_argument("--seed", type=int, default=1, help="Same seed, same data.")
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="If the database already has regions, add nothing and succeed.",
        )

    def handle(self, *args, scale, seed, if_empty, verbosity, **options):
        started = time.perf_counter()
        log = self.stdout.write if verbosity >= 2 else None
        try:
            outcome = demo.seed_demo(scale=scale, seed=seed, if_empty=if_empty, log=log)
        except demo.DatabaseNotEmpty as exc:
            raise CommandError(str(exc)) from exc
        elapsed = time.perf_counter() - started

        if verbosity >= 1:
            if outcome.created:
                counts = ", ".join(f"{rows:,} {name}" for name, rows in outcome.rows.items())
                self.stdout.write(
                    self.style.SUCCESS(
                        f"Demo data created (scale {scale}, seed {seed}) in {elapsed:.1f} s: "
                        f"{counts}."
                    )
                )
            else:
                self.stdout.write(
                    f"Demo data is already there ({outcome.existing_regions} region(s)); "
                    "nothing added."
                )
        if verbosity >= 2:
            self.stdout.write(f"total {elapsed:.3f} s")
        if outcome.logins:
            self.stdout.write("\nDemo logins:\n" + demo.logins_table(outcome.logins))
        else:
            self.stdout.write("No demo logins in this database.")
