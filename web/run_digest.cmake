# Runs the wasm `digest` command under Node and writes its standard output to a file
# (add_custom_command has no portable redirection). Used by viewer.cmake.
#   cmake -DNODE=node -DTOOL=digest.js -DCOMMAND=html [-DARGS=a|b] -DINPUT=in.json -DOUTPUT=out.html
#         -P run_digest.cmake
get_filename_component(output_dir "${OUTPUT}" DIRECTORY)
file(MAKE_DIRECTORY "${output_dir}")
string(REPLACE "|" ";" extra_args "${ARGS}")
execute_process(COMMAND "${NODE}" "${TOOL}" "${COMMAND}" "${INPUT}" ${extra_args}
                OUTPUT_FILE "${OUTPUT}.tmp" RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  file(REMOVE "${OUTPUT}.tmp")
  message(FATAL_ERROR "digest ${COMMAND} ${INPUT} failed (${status})")
endif()
file(RENAME "${OUTPUT}.tmp" "${OUTPUT}")
