"""Relations between projects and what a report says of them, and the project records.

Reads doc._.entities and doc._.quantities; writes doc._.relations (labelled links with the
sentence that states them) and doc._.projects (one record per distinct project), all in
clean-text offsets and plain data.

How a report is read:
- it is cut into articles (a newspaper page holds several: headlines, 本报讯 and bylines
  start a new one), paragraphs and sentences; nothing is ever linked across articles;
- a project is mentioned by name (a PROJECT entity), by the housing estate or community
  being renovated (a PLACE whose sentence speaks of renovation), or by an anaphor (该项目,
  项目公司, 改造后 …) that points to the project last named in the same paragraph;
- a slot is filled from a sentence that holds both the project (or an anaphor of it) and a
  trigger of the slot (data/relation_triggers.tsv): money with 投资/投入, a period with
  为期/运营期, an outcome by its unit and the words around it (data/outcome_metrics.tsv);
- city-wide programme totals (全市累计改造2600多个小区) name no project and start none.
"""
from .component import RelationComponent, make_relations
from .extractor import RelationExtractor
from .tables import Tables, default_tables

__all__ = ["RelationComponent", "RelationExtractor", "Tables", "default_tables", "make_relations"]
