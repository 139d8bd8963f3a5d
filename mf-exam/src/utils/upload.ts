export const PHOTO_REQUIREMENTS = '照片要求:近期免冠正面证件照,JPG格式,文件大于10KB,尺寸不小于295×413像素(宽×高)。';

/** A quick check before sending (the gateway decides; this only spares an obviously wrong upload). */
export function photoProblem(file: { type: string; size: number; name: string }): string | null {
  const isJpeg = file.type === 'image/jpeg' || /\.jpe?g$/i.test(file.name);
  if (!isJpeg) return '个人照片须为JPG格式';
  if (file.size <= 10 * 1024) return '照片文件须大于10KB,请上传清晰的原始照片';
  return null;
}
