"""Content size of every generated page at N cases, rendered by the handbook's renderer without MkDocs.

    python benchmarks/page_sizes.py <a project tree, e.g. one build_speed.py --keep wrote>
"""
import sys, time
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "hooks"))
from municipal_handbook import load_handbook
from municipal_handbook.render import Renderer
from municipal_handbook.site import plan_pages, breadcrumb
from municipal_handbook.case_data import cases_script
root = Path(sys.argv[1])
t = time.perf_counter()
h = load_handbook(root, render_markup=False).handbook
r = Renderer(h, "de")
plans = plan_pages(h, r.language.gettext, r.formats.label, r.formats.country_name)

sizes = []
for plan in plans.values():
    if plan.source_path and plan.template == "case.md.j2":
        continue
    text = r.render(plan.template, url=lambda p: "../" + p.replace(".md", "/"), title=plan.title,
                    trail=breadcrumb(plans, plan), **plan.context())
    sizes.append((len(text.encode()), plan.path))
sizes.sort(reverse=True)
print(f"{len(h.cases)} cases, {len(plans)} pages planned, {len(sizes)} generated/method pages rendered in {time.perf_counter()-t:.0f} s")
for size, path in sizes[:6]:
    print(f"  {size/1000:7.0f} KB  {path}")
data = cases_script(h, r.formats, lambda p: p.replace(".md", "/"))
print(f"cases-data.js {len(data.encode())/1000:.0f} KB")
