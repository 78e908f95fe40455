"""Tasks (the sections' own, last year's unfinished ones carried forward, and the equality, continuity and
risk tasks every section has), their officers, milestones and priorities, and their progress updates."""

from __future__ import annotations

from dataclasses import asdict
from datetime import timedelta
from decimal import Decimal

from simple_history.utils import bulk_create_with_history

from actions.models import Milestone, ProgressStatus, ProgressUpdate, Task, TaskOfficer
from plans.models import ReportingPeriod
from serviceplans.periods import Period

from .. import content as c
from .dates import aware, month_end, month_of, month_words, period_key
from .drafts import TaskDraft
from .progress import progress_returns
from .state import BuildState


class TaskSteps(BuildState):
    """Tasks with their officers, milestones and priorities, then their progress updates."""

    def _generic_tasks(self, section: c.SectionSpec, index: int) -> list[c.TaskSpec]:
        words = {**asdict(section.terms), "name": section.title}
        lead = self.officer_specs[section.lead]
        equality, equality_success = c.EQUALITY_TASKS[index % len(c.EQUALITY_TASKS)]
        continuity, continuity_success = c.CONTINUITY_TASKS[(index + 1) % len(c.CONTINUITY_TASKS)]
        risk, treatment, treatment_success = c.RISK_TASKS[index % len(c.RISK_TASKS)]
        note = (
            f"Overall {lead.initialled}, but each team leader for work in their areas"
            if index % 3 == 1
            else ""
        )
        return [
            c.TaskSpec(
                equality.format(**words),
                "E",
                (section.lead,),
                due="by:9" if index % 2 else "during",
                success=equality_success,
                category=c.ED,
                priorities=("inclusive",),
            ),
            c.TaskSpec(
                continuity.format(**words),
                "R",
                (section.lead, *section.team[:1]),
                due=f"month:{5 + index % 6}",
                success=continuity_success,
                category=c.BC,
                note=note,
            ),
            c.TaskSpec(
                treatment.format(**words),
                "R",
                (section.lead,),
                due="ongoing",
                success=treatment_success,
                category=c.RM,
                risk=risk.format(**words),
            ),
        ]

    def task_drafts(self) -> list[TaskDraft]:
        drafts: list[TaskDraft] = []
        by_plan: dict[tuple[str, int], list[TaskDraft]] = {}
        generic_index = 0
        for context in self.plans:
            plan_drafts: list[TaskDraft] = []
            words = context.words()
            previous = by_plan.get((context.spec.previous, context.first_year - 1), [])
            for number, section in enumerate(context.spec.sections, start=1):
                specs = list(section.tasks)
                carried: list[TaskDraft] = []
                for old in previous:
                    if old.section.title == section.title and self._unfinished(old):
                        carried.append(old)
                generic = []
                if section.terms is not None:
                    generic = self._generic_tasks(section, generic_index)
                    generic_index += 1
                # Numbered objective by objective, so the plan and its papers read 1.1, 1.2, 1.3 in order.
                rank = {objective.ref: n for n, objective in enumerate(section.objectives)}
                listed = sorted(
                    specs + [old.spec for old in carried] + generic,
                    key=lambda spec: rank.get(spec.objective, len(rank)),
                )
                for order, spec in enumerate(listed, start=1):
                    old = next((o for o in carried if o.spec is spec), None)
                    text = spec.text.format(**words)
                    plan_drafts.append(
                        TaskDraft(
                            context, section, number, spec, text, order, spec.objective, carried_from=old
                        )
                    )
            by_plan[(context.spec.key, context.first_year)] = plan_drafts
            drafts += plan_drafts
        return drafts

    def _unfinished(self, draft: TaskDraft) -> bool:
        periods = Period.for_year(draft.plan.first_year, draft.plan.period_kind)
        last = progress_returns(draft, periods)[-1]
        return last.status not in (ProgressStatus.COMPLETED, ProgressStatus.NOT_APPLICABLE)

    def tasks_ensure(self) -> None:
        self.drafts = self.task_drafts()
        sections = [s for p in self.plans for s in p.sections.values()]
        existing = {(t.section_id, t.text): t for t in Task.objects.filter(section__in=sections)}
        created = 0
        for context in self.plans:  # plan by plan, so carried-forward tasks can point back
            new: list[tuple[Task, TaskDraft]] = []
            for draft in (d for d in self.drafts if d.plan is context):
                section = context.sections.get(draft.section.title)
                draft.row = existing.get((section.pk, draft.text)) if section else None
                if draft.row is not None or not context.new:
                    continue
                if draft.carried_from is not None and draft.carried_from.row is None:
                    continue  # last year's plan was not the demo's, so there is nothing to carry forward
                spec, due = draft.spec, draft.due
                objective_section = None if draft.objective_ref in ("E", "R") else draft.section.title
                objective = self.objectives.get((context.row.pk, objective_section, draft.objective_ref))
                task = Task(
                    plan=context.row,
                    section=section,
                    objective=objective,
                    reference=f"{draft.section_number}.{draft.order}",
                    category=spec.category,
                    text=draft.text,
                    risk=spec.risk,
                    responsibility_note=spec.note,
                    resources=spec.resources,
                    budget=Decimal(spec.budget) if spec.budget is not None else None,
                    start_date=draft.start if (spec.start and not draft.carried_from) else None,
                    due_date=due.due_date,
                    due_date_text=due.text,
                    ongoing=due.ongoing,
                    success_criteria=spec.success.format(**context.words()),
                    order=draft.order,
                    carried_forward_from=draft.carried_from.row if draft.carried_from else None,
                )
                task._history_date = aware(context.row.approved_on or context.start)
                new.append((task, draft))
                draft.row = task
            bulk_create_with_history([t for t, _ in new], Task)
            self._task_children([(t, d) for t, d in new])
            created += len(new)
        self.drafts = [d for d in self.drafts if d.row is not None]
        self.created["tasks"] = created

    def _task_children(self, new: list[tuple[Task, TaskDraft]]) -> None:
        officers, milestones, priorities = [], [], []
        through = Task.priorities.through
        for task, draft in new:
            for order, key in enumerate(draft.spec.officers):
                officers.append(TaskOfficer(task=task, officer=self.officers[key], order=order))
            if not draft.carried_from:
                for order, (name, offset) in enumerate(draft.spec.milestones):
                    due = month_end(*month_of(draft.plan.first_year, offset))
                    milestones.append(
                        Milestone(
                            task=task,
                            name=name,
                            due_date=due,
                            due_date_text=month_words(draft.plan.first_year, offset),
                            done=due < self.today - timedelta(days=14),
                            done_on=due - timedelta(days=3)
                            if due < self.today - timedelta(days=14)
                            else None,
                            order=order,
                        )
                    )
            for key in draft.spec.priorities:
                priorities.append(through(task_id=task.pk, priority_id=self.priorities[key].pk))
        TaskOfficer.objects.bulk_create(officers)
        Milestone.objects.bulk_create(milestones)
        through.objects.bulk_create(priorities)

    def updates_ensure(self) -> None:
        tasks = [d.row for d in self.drafts]
        existing = set(ProgressUpdate.objects.filter(task__in=tasks).values_list("task_id", "period_id"))
        demo_officer = next((s.officer for s in c.USERS if s.group == "Officers"), "")
        own_tasks = [d for d in self.drafts if d.spec.officers[:1] == (demo_officer,)]
        new = []
        for draft in self.drafts:
            context = draft.plan
            periods = [
                p
                for offset in range(context.spec.years)
                for p in Period.for_year(context.first_year + offset, context.period_kind)
            ]
            start_percent = 0
            if draft.carried_from is not None:
                old = draft.carried_from
                start_percent = progress_returns(
                    old, Period.for_year(old.plan.first_year, old.plan.period_kind)
                )[-1].percent
            returns = progress_returns(draft, periods, start_percent)
            user = self._user_for(draft.spec.officers)
            for period, made in zip(periods, returns, strict=True):
                row = self.periods.get(period_key(period))
                if row is None or (draft.row.pk, row.pk) in existing:
                    continue
                # Returns follow the period as the database has it, so a later run never puts returns in a
                # period the performance team has not opened.
                state = row.state
                if state == ReportingPeriod.State.SCHEDULED or period.end >= self.today:
                    continue
                if state == ReportingPeriod.State.OPEN:
                    # About half the returns are in; the demo officer still has some to make.
                    present = made.present_draw < 0.5
                    if draft in own_tasks:
                        present = own_tasks.index(draft) % 2 == 1
                else:
                    present = made.present_draw < 0.93
                if not present:
                    continue
                update = ProgressUpdate(
                    task=draft.row,
                    period=row,
                    percent_complete=made.percent,
                    status=made.status,
                    commentary=made.commentary,
                    updated_by=user,
                )
                update._history_date = aware(period.end + timedelta(days=made.day_offset))
                update._history_user = user
                new.append(update)
        bulk_create_with_history(new, ProgressUpdate, batch_size=500)
        self.created["progress updates"] = len(new)
