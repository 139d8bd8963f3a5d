import { UploadPurpose } from '../registration/upload.entity';
import { UPLOAD_PATH } from '../registration/upload.service';

/** The three 证件 images of 线上实名认证, in the manual's order and wording. */
export enum RealNameDocumentSide {
  PORTRAIT = 'PORTRAIT',
  EMBLEM = 'EMBLEM',
  HANDHELD = 'HANDHELD',
}

export const DOCUMENT_SIDES: ReadonlyArray<{ side: RealNameDocumentSide; purpose: UploadPurpose; label: string; column: string }> = [
  { side: RealNameDocumentSide.PORTRAIT, purpose: UploadPurpose.ID_PORTRAIT, label: '证件人像面', column: 'portrait_upload_id' },
  { side: RealNameDocumentSide.EMBLEM, purpose: UploadPurpose.ID_EMBLEM, label: '证件国徽面/非人像面', column: 'emblem_upload_id' },
  { side: RealNameDocumentSide.HANDHELD, purpose: UploadPurpose.ID_HANDHELD, label: '手持证件人像面', column: 'handheld_upload_id' },
];

export interface DocumentImage {
  side: RealNameDocumentSide;
  uploadId: string;
  /** GET it with the owner's or a reviewer's session (never public). */
  url: string;
}

export function documentImagesOf(raw: Record<string, any>): DocumentImage[] {
  return DOCUMENT_SIDES.filter((d) => raw[d.column]).map((d) => ({ side: d.side, uploadId: raw[d.column], url: `${UPLOAD_PATH}/${raw[d.column]}` }));
}
