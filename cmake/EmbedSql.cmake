# embed_sql(<out.cc> <namespace> <files...>): turns each .sql file into a
# `extern const std::string_view <stem>` in <out.cc>, regenerated when a file changes.
function(embed_sql out ns)
  set(files ${ARGN})
  string(REPLACE ";" "|" joined "${files}")
  add_custom_command(
    OUTPUT "${out}"
    COMMAND ${CMAKE_COMMAND} "-DOUT=${out}" "-DNS=${ns}" "-DFILES=${joined}"
            -P "${CMAKE_SOURCE_DIR}/cmake/embed_sql_run.cmake"
    DEPENDS ${files} "${CMAKE_SOURCE_DIR}/cmake/embed_sql_run.cmake"
    COMMENT "Embedding SQL into ${out}"
    VERBATIM)
endfunction()
