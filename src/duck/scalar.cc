#include "duck/scalar.h"

#include <duckdb.h>

namespace crmerge::duck {

namespace {

void call(duckdb_function_info info, duckdb_data_chunk input, duckdb_vector output) {
  auto* fn = static_cast<StringFunction*>(duckdb_scalar_function_get_extra_info(info));
  idx_t n = duckdb_data_chunk_get_size(input);
  duckdb_vector in = duckdb_data_chunk_get_vector(input, 0);
  auto* values = static_cast<duckdb_string_t*>(duckdb_vector_get_data(in));
  uint64_t* in_valid = duckdb_vector_get_validity(in);
  duckdb_vector_ensure_validity_writable(output);
  uint64_t* out_valid = duckdb_vector_get_validity(output);
  for (idx_t i = 0; i < n; ++i) {
    if (in_valid && !duckdb_validity_row_is_valid(in_valid, i)) {
      duckdb_validity_set_row_invalid(out_valid, i);
      continue;
    }
    std::string_view v(duckdb_string_t_data(&values[i]), duckdb_string_t_length(values[i]));
    std::optional<std::string> r;
    try {
      r = (*fn)(v);
    } catch (const std::exception& e) {
      duckdb_scalar_function_set_error(info, e.what());
      return;
    }
    if (r) duckdb_vector_assign_string_element_len(output, i, r->data(), r->size());
    else duckdb_validity_set_row_invalid(out_valid, i);
  }
}

void destroy(void* p) { delete static_cast<StringFunction*>(p); }

}  // namespace

Status register_string_function(Connection& conn, const std::string& name, StringFunction fn) {
  duckdb_scalar_function f = duckdb_create_scalar_function();
  duckdb_scalar_function_set_name(f, name.c_str());
  duckdb_logical_type varchar = duckdb_create_logical_type(DUCKDB_TYPE_VARCHAR);
  duckdb_scalar_function_add_parameter(f, varchar);
  duckdb_scalar_function_set_return_type(f, varchar);
  duckdb_destroy_logical_type(&varchar);
  duckdb_scalar_function_set_extra_info(f, new StringFunction(std::move(fn)), destroy);
  duckdb_scalar_function_set_function(f, call);
  duckdb_state state = duckdb_register_scalar_function(conn.handle(), f);
  duckdb_destroy_scalar_function(&f);
  if (state != DuckDBSuccess) return Status::internal("DuckDB refused the scalar function " + name);
  return Status::ok();
}

}  // namespace crmerge::duck
