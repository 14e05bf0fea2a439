/** Where the editor's MP4 exporter posts its chunks; the header forces a preflight, so only the editor page can. */
export const EXPORT_PATH = '/__nnm/export';
export const EXPORT_HEADER = 'x-nnm-export';
