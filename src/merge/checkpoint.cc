#include "merge/checkpoint.h"

#include "duck/prepared.h"

namespace crmerge::merge {

const char* phase_name(Phase p) {
  switch (p) {
    case Phase::kImport: return "import";
    case Phase::kMap: return "map";
    case Phase::kKeys: return "keys";
    case Phase::kMatch: return "match";
    case Phase::kResolve: return "resolve";
    case Phase::kExport: return "export";
  }
  return "?";
}

Result<bool> phase_finished(Job& job, Phase p) {
  CRM_ASSIGN_OR_RETURN(auto stmt, job.conn().prepare("SELECT count(*) FROM job_phases WHERE phase = $1 AND finished"));
  CRM_RETURN_IF_ERROR(stmt.bind(1, phase_name(p)));
  CRM_ASSIGN_OR_RETURN(auto result, stmt.execute());
  CRM_ASSIGN_OR_RETURN(int64_t n, duck::single_int64(std::move(result)));
  return n > 0;
}

Status record_phase_start(Job& job, Phase p) {
  CRM_ASSIGN_OR_RETURN(int attempts, phase_attempts(job, p));
  CRM_RETURN_IF_ERROR(job.sql("BEGIN TRANSACTION"));
  Status s = [&]() -> Status {
    for (Phase later : kAllPhases) {
      if (static_cast<int>(later) < static_cast<int>(p)) continue;
      CRM_ASSIGN_OR_RETURN(auto upd, job.conn().prepare("UPDATE job_phases SET finished = false WHERE phase = $1"));
      CRM_RETURN_IF_ERROR(upd.bind(1, phase_name(later)));
      CRM_RETURN_IF_ERROR(upd.run());
    }
    CRM_ASSIGN_OR_RETURN(auto del, job.conn().prepare("DELETE FROM job_phases WHERE phase = $1"));
    CRM_RETURN_IF_ERROR(del.bind(1, phase_name(p)));
    CRM_RETURN_IF_ERROR(del.run());
    CRM_ASSIGN_OR_RETURN(auto ins, job.conn().prepare("INSERT INTO job_phases VALUES ($1, $2, false, NULL)"));
    CRM_RETURN_IF_ERROR(ins.bind(1, phase_name(p)));
    CRM_RETURN_IF_ERROR(ins.bind(2, attempts + 1));
    return ins.run();
  }();
  if (!s.is_ok()) {
    (void)job.sql("ROLLBACK");
    return s;
  }
  return job.sql("COMMIT");
}

Status record_phase_done(Job& job, Phase p, double seconds) {
  CRM_ASSIGN_OR_RETURN(auto stmt,
                       job.conn().prepare("UPDATE job_phases SET finished = true, seconds = $2 WHERE phase = $1"));
  CRM_RETURN_IF_ERROR(stmt.bind(1, phase_name(p)));
  CRM_RETURN_IF_ERROR(stmt.bind(2, seconds));
  return stmt.run();
}

Result<int> phase_attempts(Job& job, Phase p) {
  CRM_ASSIGN_OR_RETURN(auto stmt,
                       job.conn().prepare("SELECT coalesce(max(attempts), 0) FROM job_phases WHERE phase = $1"));
  CRM_RETURN_IF_ERROR(stmt.bind(1, phase_name(p)));
  CRM_ASSIGN_OR_RETURN(auto result, stmt.execute());
  CRM_ASSIGN_OR_RETURN(int64_t n, duck::single_int64(std::move(result)));
  return static_cast<int>(n);
}

}  // namespace crmerge::merge
