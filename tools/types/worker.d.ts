// web/sw.js, for tsc: BUILD is written in front of the file by tools/stamp_web.py (the
// build id and the files to precache).
declare const BUILD: { version: string; shell: string[]; [key: string]: any };
