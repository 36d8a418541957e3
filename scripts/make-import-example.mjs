// Writes resources/import-example.xlsx: 30 cameras in 3 villages, as a township clerk would fill
// in the template, with exactly one deliberately bad row (row 7: an address missing "://") so the
// preview has something to show. Run: node scripts/make-import-example.mjs
import ExcelJS from 'exceljs';
import { fileURLToPath } from 'node:url';

const out = fileURLToPath(new URL('../resources/import-example.xlsx', import.meta.url));
const villages = [
  { name: '柳树村', net: 10, lng: 112.9312, lat: 28.2231, spots: ['村委会大门', '村口路口', '文化广场', '小学门口', '卫生室', '河堤东段', '河堤西段', '停车场', '老桥头', '祠堂'] },
  { name: '桃花村', net: 20, lng: 112.9455, lat: 28.2102, spots: ['村委会大门', '村口路口', '集市', '幼儿园门口', '水库大坝', '敬老院', '篮球场', '桃林路口', '公交站', '垃圾站'] },
  { name: '石桥村', net: 30, lng: 112.9601, lat: 28.2317, spots: ['村委会大门', '石桥', '村口路口', '党群服务中心', '农贸市场', '加油站路口', '学校后门', '山塘', '晒谷坪', '新村路口'] },
];
const householdSpots = new Set(['老桥头', '桃林路口', '晒谷坪']);

const workbook = new ExcelJS.Workbook();
workbook.creator = '村村通视频墙';
workbook.created = workbook.modified = new Date(Date.UTC(2026, 0, 1));
const sheet = workbook.addWorksheet('摄像机');
sheet.columns = ['名称', '所属村', '主码流地址', '子码流地址', '用户名', '密码', '类型', '经纬度', '标签'].map((header, i) => ({
  header,
  width: [16, 10, 52, 52, 10, 14, 8, 20, 12][i],
}));
sheet.getRow(1).font = { bold: true };
for (const village of villages) {
  village.spots.forEach((spot, i) => {
    const host = `192.168.${village.net}.${64 + i}`;
    const household = householdSpots.has(spot);
    sheet.addRow([
      `${village.name.slice(0, 2)}${spot}`,
      village.name,
      `rtsp://${host}:554/Streaming/Channels/101`,
      `rtsp://${host}:554/Streaming/Channels/102`,
      'admin',
      `Cam${village.net}#${String(i + 1).padStart(2, '0')}pw`,
      household ? '家庭' : '公共',
      `${(village.lng + i * 0.0007).toFixed(4)},${(village.lat + i * 0.0004).toFixed(4)}`,
      spot.includes('路口') ? '路口' : spot.includes('学') || spot.includes('幼儿园') ? '学校' : '',
    ]);
  });
}
// Row 7 (the 6th camera): a typing slip a clerk makes, "rtsp//" without the colon.
sheet.getCell('C7').value = 'rtsp//192.168.10.69:554/Streaming/Channels/101';
await workbook.xlsx.writeFile(out);
console.log(`wrote ${out}: ${sheet.rowCount - 1} rows`);
